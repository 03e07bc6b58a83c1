import type { LeafSpec } from './taxonomy';

/**
 * Electronics leaves, named like the Best Buy catalog behind `queries-bestbuy.tsv` so that its real queries
 * (iphone, macbook, chromecast, samsung tv, insignia…) find real-looking products. Lines are `Brand|model`,
 * where `#` becomes a digit 1–9 and `@` an uppercase letter.
 */
export const ELECTRONICS: LeafSpec[] = [
  {
    path: 'Audio > Headphones > Wireless Headphones', weight: 5, price: [149, 0.6], attrs: ['color', 'connectivity'],
    values: { connectivity: ['Bluetooth', 'Bluetooth 5.3'] },
    nouns: ['Wireless Noise Cancelling Over-the-Ear Headphones', 'True Wireless Earbuds', 'Bluetooth On-Ear Headphones', 'Wireless Sport Earbuds'],
    lines: ['Sony|WH-1000XM#', 'Sony|WF-1000XM#', 'Bose|QuietComfort ##', 'Apple|AirPods Pro', 'Apple|AirPods Max', 'Beats|Studio# Pro', 'JBL|Tune ###BT', 'Sennheiser|Momentum #', 'Skullcandy|Crusher Evo', 'Insignia|NS-CAHBT##'],
    features: ['up to 30 hours of battery life', 'active noise cancellation', 'a transparency mode for hearing your surroundings', 'multipoint Bluetooth pairing', 'fast charging: 10 minutes for 5 hours of play', 'touch controls and voice assistant access'],
  },
  {
    path: 'Audio > Headphones > Wired Headphones', weight: 1, price: [39, 0.7], attrs: ['color'],
    nouns: ['Wired In-Ear Headphones', 'Studio Monitor Headphones', 'Stereo Headphones'],
    lines: ['Sony|MDR-7506', 'Audio-Technica|ATH-M##x', 'Insignia|NS-CAHW##', 'Koss|Porta Pro', 'Panasonic|RP-HJE###'],
    features: ['a tangle-free cable', 'closed-back design for isolation', 'an inline microphone and remote', 'neodymium drivers for clear highs'],
  },
  {
    path: 'Audio > Home Audio > Bluetooth Speakers', weight: 3, price: [99, 0.7], attrs: ['color'],
    nouns: ['Portable Bluetooth Speaker', 'Waterproof Wireless Speaker', 'Smart Speaker with Alexa'],
    lines: ['JBL|Flip #', 'JBL|Charge #', 'Bose|SoundLink Flex', 'Ultimate Ears|BOOM #', 'Sonos|Roam', 'Amazon|Echo Dot (#th Gen)', 'Amazon|Echo Studio', 'Google|Nest Audio'],
    features: ['IP67 water and dust resistance', 'up to 20 hours of playtime', '360-degree sound', 'pairing with a second speaker for stereo'],
  },
  {
    path: 'Audio > Home Audio > Soundbars', weight: 2, price: [299, 0.7], attrs: ['color'],
    nouns: ['Soundbar with Wireless Subwoofer', 'Dolby Atmos Soundbar', '2.1-Channel Soundbar'],
    lines: ['Samsung|HW-Q###@', 'Sonos|Beam (Gen #)', 'Bose|Smart Soundbar ###', 'Vizio|V-Series V##-@#', 'Insignia|NS-SB###', 'LG|S##QR'],
    features: ['Dolby Atmos and DTS:X', 'HDMI eARC for one-remote control', 'a dialogue enhancement mode', 'Wi-Fi streaming with AirPlay 2'],
  },
  {
    path: 'TV & Home Theater > TVs > 4K UHD TVs', weight: 5, price: [599, 0.7], attrs: ['tv_size', 'resolution'],
    nouns: ['Class 4K UHD Smart TV', 'Class Neo QLED 4K Smart Tizen TV', 'Class OLED 4K Smart webOS TV', 'Class LED 4K UHD Smart Fire TV', 'Class 4K Roku TV'],
    lines: ['Samsung|QN##Q##@', 'Samsung|UN##TU####', 'LG|OLED##C#PUA', 'Sony|BRAVIA XR-##A##L', 'TCL|##S###', 'Hisense|##U#K', 'Insignia|NS-##F###NA##', 'Vizio|M##Q#-J##', 'Toshiba|##C###KU'],
    features: ['high dynamic range (HDR10 and Dolby Vision)', 'a 120 Hz refresh rate for smooth motion', 'built-in streaming apps', 'voice control with Alexa or Google Assistant', 'four HDMI ports'],
  },
  {
    path: 'TV & Home Theater > Streaming Media Players > Streaming Devices', weight: 2, price: [49, 0.5], attrs: ['resolution'],
    nouns: ['Streaming Media Player', 'Streaming Stick with Voice Remote', 'HD Streaming Device'],
    lines: ['Google|Chromecast with Google TV', 'Amazon|Fire TV Stick 4K Max', 'Amazon|Fire TV Cube', 'Roku|Express #', 'Roku|Streaming Stick 4K', 'Apple|TV 4K (#rd generation)'],
    features: ['4K HDR streaming', 'a voice remote', 'access to thousands of channels and apps', 'casting from your phone'],
  },
  {
    path: 'TV & Home Theater > TV Accessories > Remote Controls', weight: 1, price: [19, 0.6], attrs: ['color'],
    nouns: ['Universal Remote', 'Replacement Voice Remote', 'Smart Remote Control'],
    lines: ['Logitech|Harmony ###', 'GE|####@', 'Insignia|NS-RMT##', 'Philips|SRP####'],
    features: ['control of up to 4 devices', 'backlit buttons', 'easy setup with codes for major brands'],
  },
  {
    path: 'Computers & Tablets > Laptops > MacBooks', weight: 3, price: [1299, 0.35], attrs: ['memory', 'storage', 'color'],
    nouns: ['Laptop', 'Laptop with Retina Display'],
    lines: ['Apple|MacBook Air 13" M2', 'Apple|MacBook Air 13" M3', 'Apple|MacBook Air 15" M3', 'Apple|MacBook Pro 14" M3 Pro', 'Apple|MacBook Pro 16" M3 Max'],
    features: ['all-day battery life', 'a Liquid Retina display', 'a 1080p FaceTime HD camera', 'Touch ID', 'a silent, fanless design'],
  },
  {
    path: 'Computers & Tablets > Laptops > Windows Laptops', weight: 5, price: [749, 0.5], attrs: ['screen_size', 'processor', 'memory', 'storage'],
    values: { processor: ['Intel Core i5', 'Intel Core i7', 'Intel Core i9', 'AMD Ryzen 5', 'AMD Ryzen 7', 'Snapdragon X Elite'] },
    nouns: ['Laptop', 'Touch-Screen Laptop', 'Gaming Laptop', '2-in-1 Touch-Screen Laptop'],
    lines: ['Dell|Inspiron ##', 'Dell|XPS ##', 'Lenovo|ThinkPad E##', 'Lenovo|IdeaPad Slim #', 'Lenovo|Yoga #i', 'HP|Pavilion ##-@@####', 'HP|Envy x### ##', 'ASUS|Vivobook ## @####', 'ASUS|ROG Strix G##', 'Acer|Aspire # A###', 'Microsoft|Surface Laptop #', 'MSI|Katana ##'],
    features: ['a full HD anti-glare display', 'a backlit keyboard', 'Wi-Fi 6 and Bluetooth 5', 'a fingerprint reader', 'Windows 11 Home'],
  },
  {
    path: 'Computers & Tablets > Laptops > Chromebooks', weight: 2, price: [299, 0.4], attrs: ['screen_size', 'processor', 'memory'],
    values: { processor: ['Intel Celeron', 'Intel Core i5', 'MediaTek Kompanio'] },
    nouns: ['Chromebook', 'Touch-Screen Chromebook', '2-in-1 Chromebook'],
    lines: ['Google|Pixelbook Go', 'Acer|Chromebook Spin ###', 'Lenovo|IdeaPad Flex # Chromebook', 'HP|Chromebook x### ##', 'Samsung|Galaxy Chromebook Go', 'ASUS|Chromebook C###'],
    features: ['Google Chrome OS with automatic updates', 'up to 10 hours of battery life', 'Google Play apps', 'built-in virus protection'],
  },
  {
    path: 'Computers & Tablets > Tablets > iPad', weight: 2, price: [499, 0.4], attrs: ['storage', 'color'],
    nouns: ['with Wi-Fi', 'with Wi-Fi + Cellular'],
    lines: ['Apple|iPad (##th generation)', 'Apple|iPad Air ##"', 'Apple|iPad Pro ##"', 'Apple|iPad mini'],
    features: ['a Liquid Retina display', 'support for Apple Pencil', 'Touch ID', 'all-day battery life'],
  },
  {
    path: 'Computers & Tablets > Tablets > Android & Fire Tablets', weight: 2, price: [149, 0.6], attrs: ['storage', 'color'],
    nouns: ['Tablet', 'Kids Tablet', 'Tablet with Alexa'],
    lines: ['Amazon|Fire HD #', 'Amazon|Fire HD ## Plus', 'Amazon|Kindle Paperwhite', 'Samsung|Galaxy Tab S# FE', 'Samsung|Galaxy Tab A#', 'Lenovo|Tab M##'],
    features: ['a vivid HD display', 'up to 12 hours of reading and video', 'expandable storage with microSD', 'hands-free Alexa'],
  },
  {
    path: 'Computers & Tablets > Monitors > Gaming Monitors', weight: 2, price: [299, 0.55], attrs: ['monitor_size', 'resolution'],
    nouns: ['Gaming Monitor', 'Curved Gaming Monitor', 'IPS LED Monitor'],
    lines: ['Samsung|Odyssey G# LS##@G##', 'LG|UltraGear ##GN###-B', 'Dell|S####DGF', 'ASUS|TUF Gaming VG##', 'Acer|Nitro XV###', 'Insignia|NS-##D###NA##'],
    features: ['a 165 Hz refresh rate', '1 ms response time', 'AMD FreeSync Premium', 'a height-adjustable stand'],
  },
  {
    path: 'Computers & Tablets > Mice & Keyboards > Keyboards', weight: 2, price: [69, 0.6], attrs: ['color', 'connectivity'],
    nouns: ['Wireless Keyboard', 'Mechanical Gaming Keyboard', 'Keyboard and Mouse Combo', 'Wireless Mouse'],
    lines: ['Logitech|MX Keys S', 'Logitech|G### LIGHTSPEED', 'Logitech|MX Master #S', 'Razer|BlackWidow V#', 'Corsair|K## RGB', 'Microsoft|Sculpt Ergonomic', 'Apple|Magic Keyboard'],
    features: ['quiet, tactile keys', 'a rechargeable battery that lasts months', 'multi-device switching', 'programmable RGB lighting'],
  },
  {
    path: 'Computers & Tablets > Hard Drives & Storage > Memory Cards & Flash Drives', weight: 2, price: [24, 0.7], attrs: ['storage'],
    nouns: ['microSDXC UHS-I Memory Card', 'USB 3.2 Flash Drive', 'Portable SSD', 'External Hard Drive'],
    lines: ['SanDisk|Extreme PLUS', 'SanDisk|Ultra SDSQUA#-###G', 'Samsung|EVO Select', 'Samsung|T# Portable SSD', 'Kingston|DataTraveler Exodia', 'WD|My Passport', 'Seagate|Expansion STKM####'],
    features: ['read speeds up to 190 MB/s', 'shock-, water- and temperature-proof design', 'password protection with hardware encryption', 'a lifetime limited warranty'],
  },
  {
    path: 'Computers & Tablets > Networking & Wireless > Routers', weight: 1, price: [129, 0.6], attrs: ['speed'],
    nouns: ['Dual-Band Wi-Fi 6 Router', 'Mesh Wi-Fi System (3-Pack)', 'Tri-Band Gaming Router', 'Powerline Adapter Kit'],
    lines: ['NETGEAR|Nighthawk RAX##', 'TP-Link|Archer AX##', 'TP-Link|Deco X##', 'Google|Nest Wifi Pro', 'eero|Pro #E', 'ASUS|RT-AX##U'],
    features: ['coverage for up to 3,000 sq. ft.', 'parental controls', 'WPA3 security', 'easy setup from an app'],
  },
  {
    path: 'Cell Phones > Unlocked Cell Phones > iPhone', weight: 3, price: [899, 0.3], attrs: ['storage', 'color'],
    nouns: ['(Unlocked)', 'with AppleCare+'],
    lines: ['Apple|iPhone 15 Pro', 'Apple|iPhone 15 Pro Max', 'Apple|iPhone 15', 'Apple|iPhone 14', 'Apple|iPhone SE (3rd generation)'],
    features: ['a Super Retina XDR display', 'a 48MP main camera', 'Face ID', 'MagSafe charging', '5G connectivity'],
  },
  {
    path: 'Cell Phones > Unlocked Cell Phones > Android Phones', weight: 3, price: [499, 0.5], attrs: ['storage', 'color'],
    nouns: ['5G Smartphone (Unlocked)', 'Smartphone (Unlocked)', 'Prepaid Smartphone'],
    lines: ['Samsung|Galaxy S24', 'Samsung|Galaxy S24 Ultra', 'Samsung|Galaxy A15 5G', 'Samsung|Galaxy Z Flip5', 'Google|Pixel 8', 'Google|Pixel 8 Pro', 'Motorola|moto g 5G', 'OnePlus|12', 'Tracfone|Samsung Galaxy A15'],
    features: ['a 6.1-inch AMOLED display', 'a triple-lens camera', 'all-day battery with fast charging', 'an in-display fingerprint sensor'],
  },
  {
    path: 'Cell Phones > Cell Phone Accessories > Cases & Screen Protectors', weight: 5, price: [29, 0.5], attrs: ['compatibility', 'color'],
    nouns: ['Case with MagSafe', 'Clear Case', 'Rugged Protective Case', 'Tempered Glass Screen Protector', 'Wallet Folio Case'],
    lines: ['OtterBox|Defender Series', 'OtterBox|Symmetry Series', 'Speck|Presidio# Grip', 'Incipio|Duo', 'ZAGG|InvisibleShield Glass Elite', 'Insignia|NS-M##@@@', 'Apple|Silicone Case'],
    features: ['drop protection up to 10 feet', 'raised edges to protect the screen and camera', 'a slim profile that fits in a pocket', 'antimicrobial protection'],
  },
  {
    path: 'Cell Phones > Cell Phone Accessories > Chargers & Batteries', weight: 4, price: [34, 0.6], attrs: ['connectivity', 'color'],
    values: { connectivity: ['USB-C', 'Lightning', 'MagSafe'] },
    nouns: ['USB-C Wall Charger', 'Portable Battery Pack', 'MagSafe Wireless Charger', 'USB-C to Lightning Cable', 'Car Charger'],
    lines: ['Anker|PowerCore ##K', 'Anker|Nano ###W', 'Belkin|BoostCharge Pro', 'mophie|powerstation plus', 'Apple|##W USB-C Power Adapter', 'Samsung|EP-T####', 'Insignia|NS-MW##@'],
    features: ['fast charging up to 45W', 'charging two devices at once', 'over-heat and over-current protection', 'a compact, foldable plug'],
  },
  {
    path: 'Cameras & Camcorders > Digital Cameras > Mirrorless Cameras', weight: 2, price: [1199, 0.5], attrs: ['megapixels', 'color'],
    nouns: ['Mirrorless Camera with 18-55mm Lens', 'Mirrorless Camera (Body Only)', 'Full-Frame Mirrorless Camera'],
    lines: ['Canon|EOS R#', 'Sony|Alpha a####', 'Nikon|Z #', 'Fujifilm|X-T##', 'Panasonic|LUMIX G##'],
    features: ['4K video recording', 'in-body image stabilization', 'fast hybrid autofocus with eye detection', 'Wi-Fi and Bluetooth image transfer'],
  },
  {
    path: 'Cameras & Camcorders > Action Cameras > GoPro & Action Cameras', weight: 1, price: [299, 0.5], attrs: ['color'],
    nouns: ['Waterproof Action Camera', '360 Action Camera', 'Action Camera Bundle'],
    lines: ['GoPro|HERO##', 'GoPro|MAX', 'DJI|Osmo Action #', 'Insta360|X#', '360fly|4K'],
    features: ['5.3K video', 'HyperSmooth stabilization', 'waterproofing to 33 feet', 'live streaming'],
  },
  {
    path: 'Video Games > Consoles > Nintendo Switch', weight: 2, price: [59, 0.8], attrs: ['platform'],
    values: { platform: ['Nintendo Switch'] },
    nouns: ['Console', 'Game', 'Joy-Con Controllers', 'amiibo Figure'],
    lines: ['Nintendo|Switch OLED Model', 'Nintendo|Super Mario Bros. Wonder', 'Nintendo|Mario Kart # Deluxe', 'Nintendo|The Legend of Zelda: Tears of the Kingdom', 'Nintendo|amiibo Super Smash Bros. Series'],
    features: ['play at home or on the go', 'local multiplayer', 'HD rumble', 'online play with Nintendo Switch Online'],
  },
  {
    path: 'Video Games > Consoles > Xbox & PlayStation', weight: 2, price: [69, 0.9], attrs: ['platform', 'color'],
    values: { platform: ['PlayStation 5', 'Xbox Series X', 'Xbox One'] },
    nouns: ['Console', 'Wireless Controller', 'Game', 'Gaming Headset'],
    lines: ['Microsoft|Xbox Series X', 'Microsoft|Xbox One S', 'Microsoft|Xbox Wireless Controller', 'Sony|PlayStation # Slim', 'Sony|DualSense Wireless Controller', 'Turtle Beach|Stealth ###', 'Minecraft|Legends'],
    features: ['4K gaming at up to 120 frames per second', 'fast load times with an SSD', 'haptic feedback', 'backward compatibility'],
  },
  {
    path: 'Wearable Technology > Smartwatches > Apple Watch', weight: 2, price: [399, 0.3], attrs: ['color', 'size'],
    nouns: ['(GPS) Aluminum Case with Sport Band', '(GPS + Cellular) Case with Sport Loop'],
    lines: ['Apple|Watch Series #', 'Apple|Watch Ultra #', 'Apple|Watch SE (#nd Gen)'],
    features: ['an always-on Retina display', 'blood oxygen and ECG apps', 'crash detection', 'water resistance to 50 meters'],
  },
  {
    path: 'Wearable Technology > Fitness Trackers > Activity Trackers', weight: 1, price: [129, 0.5], attrs: ['color'],
    nouns: ['Fitness Tracker', 'GPS Running Smartwatch', 'Health & Fitness Smartwatch'],
    lines: ['Fitbit|Charge #', 'Fitbit|Versa #', 'Garmin|Forerunner ###', 'Garmin|vivoactive #', 'Samsung|Galaxy Watch#'],
    features: ['heart rate and sleep tracking', 'built-in GPS', 'up to 7 days of battery life', 'swim-proof design'],
  },
  {
    path: 'Smart Home > Smart Lighting > Smart Bulbs', weight: 1, price: [39, 0.7], attrs: ['pack', 'color'],
    nouns: ['Smart LED Bulb', 'Smart Light Strip', 'Smart Lighting Starter Kit'],
    lines: ['Philips|Hue White and Color Ambiance A##', 'Philips|Hue Lightstrip Plus', 'Wyze|Bulb Color', 'LIFX|Color A##', 'Govee|H####'],
    features: ['16 million colors', 'control with Alexa, Google Assistant or Siri', 'schedules and routines', 'no hub required'],
  },
  {
    path: 'Smart Home > Security Cameras > Video Doorbells & Cameras', weight: 2, price: [99, 0.6], attrs: ['resolution', 'color'],
    nouns: ['Wi-Fi Video Doorbell', 'Indoor/Outdoor Security Camera', 'Smart Thermostat', 'Smart Display'],
    lines: ['Ring|Video Doorbell #', 'Google|Nest Cam (battery)', 'Google|Nest Learning Thermostat (#th gen)', 'Google|Nest Hub Max', 'Arlo|Pro # Spotlight', 'Blink|Outdoor #', 'ecobee|Smart Thermostat Premium'],
    features: ['1080p HD video with night vision', 'two-way talk', 'motion alerts on your phone', 'works with Alexa and Google Home'],
  },
  {
    path: 'Office Electronics > Printers, Ink & Toner > Printers', weight: 2, price: [149, 0.6], attrs: ['connectivity', 'color'],
    nouns: ['Wireless All-In-One Inkjet Printer', 'Wireless Laser Printer', 'Ink Cartridge', 'Photo Printer'],
    lines: ['HP|OfficeJet Pro ####e', 'HP|ENVY ####e', 'HP|### Ink Cartridge', 'Canon|PIXMA TR####', 'Epson|EcoTank ET-####', 'Brother|HL-L####DW'],
    features: ['automatic two-sided printing', 'mobile printing from your phone', 'a 35-page automatic document feeder', 'up to 2 years of ink in the box'],
  },
];
