/** Values of each attribute the generator can give a product (names follow the contract's `[a-z0-9_]`). */
export const ATTRIBUTE_VALUES = {
  color: ['Black', 'White', 'Silver', 'Space Gray', 'Blue', 'Red', 'Rose Gold', 'Midnight', 'Graphite', 'Green', 'Navy', 'Gold'],
  storage: ['64GB', '128GB', '256GB', '512GB', '1TB', '2TB'],
  memory: ['8GB', '16GB', '32GB', '64GB'],
  screen_size: ['13.3"', '14"', '15.6"', '16"', '17.3"'],
  tv_size: ['32"', '43"', '50"', '55"', '65"', '75"', '85"'],
  monitor_size: ['24"', '27"', '32"', '34"'],
  resolution: ['1080p', '1440p', '4K UHD', '8K'],
  processor: ['Intel Core i5', 'Intel Core i7', 'Intel Core i9', 'AMD Ryzen 5', 'AMD Ryzen 7', 'Apple M2', 'Apple M3', 'Intel Celeron'],
  capacity: ['4.5 cu. ft.', '5.0 cu. ft.', '5.3 cu. ft.', '7.4 cu. ft.', '22 cu. ft.', '25 cu. ft.', '28 cu. ft.'],
  width: ['24"', '30"', '36"'],
  fuel: ['Electric', 'Gas', 'Induction'],
  finish: ['Stainless Steel', 'Black Stainless Steel', 'White', 'Black', 'Fingerprint Resistant Stainless'],
  connectivity: ['Bluetooth', 'Wi-Fi', 'USB-C', 'Lightning', 'Wired 3.5mm'],
  compatibility: ['iPhone 15', 'iPhone 14', 'iPhone 13', 'Galaxy S24', 'Galaxy S23', 'Pixel 8', 'iPad Air', 'MacBook Pro 13"'],
  wattage: ['700W', '900W', '1000W', '1200W', '1500W'],
  capacity_cups: ['4-Cup', '8-Cup', '10-Cup', '12-Cup', '14-Cup'],
  megapixels: ['20.1MP', '24.2MP', '26.1MP', '33MP', '45MP'],
  size: ['XS', 'S', 'M', 'L', 'XL', 'XXL'],
  shoe_size: ['7', '8', '9', '10', '11', '12'],
  material: ['Polyester', 'Nylon', 'Cotton', 'Leather', 'Aluminum', 'Silicone'],
  platform: ['Nintendo Switch', 'PlayStation 5', 'Xbox Series X', 'Xbox One', 'PC'],
  pack: ['2-Pack', '4-Pack', '8-Pack', '12-Pack', '24-Pack'],
  length: ['3 ft', '6 ft', '10 ft', '15 ft'],
  speed: ['AC1200', 'AX1800', 'AX3000', 'AX5400', 'BE9300'],
  weight_capacity: ['250 lb', '300 lb', '350 lb', '400 lb'],
} as const satisfies Record<string, readonly string[]>;

/** Name of one attribute the generator knows. */
export type AttributeKey = keyof typeof ATTRIBUTE_VALUES;
