import type { LeafSpec } from './taxonomy';

/** Appliance, home, sports and apparel leaves (same conventions as `taxonomy-electronics.ts`). */
export const HOME_AND_MORE: LeafSpec[] = [
  {
    path: 'Appliances > Ranges, Cooktops & Ovens > Cooktops', weight: 3, price: [999, 0.45], attrs: ['width', 'fuel', 'finish'],
    nouns: ['Built-In Electric Cooktop', 'Built-In Gas Cooktop', 'Induction Cooktop', 'Radiant Electric Cooktop'],
    lines: ['Samsung|NZ##@####@@', 'Samsung|Chef Collection NZ##K####', 'GE|Profile PHP####', 'Whirlpool|WCE##US#H', 'KitchenAid|KCGS###@SS', 'Frigidaire|FFEC####@', 'Bosch|NIT####UC', 'LG|CBIH####@'],
    features: ['5 burners including a bridge element', 'a hot-surface indicator', 'touch controls with a lock', 'a smooth ceramic glass surface that is easy to clean'],
  },
  {
    path: 'Appliances > Ranges, Cooktops & Ovens > Ranges', weight: 2, price: [1199, 0.4], attrs: ['capacity', 'fuel', 'finish'],
    nouns: ['Freestanding Electric Range', 'Freestanding Gas Convection Range', 'Slide-In Induction Range with Air Fry'],
    lines: ['Samsung|NE##A####@S', 'LG|LREL####@', 'GE|JB###@@@SS', 'Whirlpool|WFE###@0H', 'Frigidaire|GCRE####@F'],
    features: ['a self-cleaning oven', 'true convection cooking', 'built-in air fry', 'Wi-Fi control from your phone'],
  },
  {
    path: 'Appliances > Refrigerators > French Door Refrigerators', weight: 3, price: [2199, 0.35], attrs: ['capacity', 'finish'],
    nouns: ['French Door Refrigerator with Ice Maker', 'Counter-Depth French Door Fridge', '4-Door Flex Refrigerator'],
    lines: ['Samsung|RF##@####@@', 'Samsung|Bespoke RF##@####', 'LG|LRMVS####@', 'Whirlpool|WRF###SDH@', 'GE|Profile PFE##@@@', 'Frigidaire|Gallery GRFC####@F', 'KitchenAid|KRFF###@SS'],
    features: ['an external ice and water dispenser', 'fingerprint-resistant finish', 'adjustable gallon-door bins', 'LED lighting'],
  },
  {
    path: 'Appliances > Washers & Dryers > Washers', weight: 3, price: [899, 0.35], attrs: ['capacity', 'color'],
    nouns: ['Front Load Washer with Steam', 'Top Load Washer', 'Smart Front Load Washer', 'Electric Dryer with Steam'],
    lines: ['Samsung|WF##@####@@', 'LG|WM####H@A', 'Whirlpool|WTW####H@', 'Maytag|MVW####M@', 'GE|GFW###SS@', 'Electrolux|ELFW####A@'],
    features: ['a steam sanitize cycle', 'a quick 15-minute wash', 'Energy Star certification', 'vibration reduction technology'],
  },
  {
    path: 'Appliances > Dishwashers > Built-In Dishwashers', weight: 2, price: [749, 0.35], attrs: ['finish'],
    nouns: ['Top Control Built-In Dishwasher with Third Rack', 'Front Control Dishwasher', 'Smart Built-In Dishwasher'],
    lines: ['Bosch|### Series SHX#@R##', 'Whirlpool|WDT###SAK@', 'KitchenAid|KDTM###@PS', 'Samsung|DW##@####@@', 'LG|LDFN####@'],
    features: ['a quiet 44 dBA operation', 'a third rack for utensils', 'a stainless steel tub', 'sensor wash cycles'],
  },
  {
    path: 'Appliances > Microwaves > Countertop Microwaves', weight: 2, price: [179, 0.5], attrs: ['capacity', 'wattage', 'finish'],
    nouns: ['Countertop Microwave', 'Over-the-Range Microwave', 'Microwave with Sensor Cooking'],
    lines: ['Panasonic|NN-SN###S', 'Samsung|MS##@####@@', 'LG|NeoChef MS####@', 'Toshiba|EM###A#C', 'Insignia|NS-MW##SS#', 'GE|JES####@@'],
    features: ['sensor cooking', '10 power levels', 'a turntable on/off option', 'one-touch popcorn and reheat'],
  },
  {
    path: 'Appliances > Small Kitchen Appliances > Coffee Makers', weight: 3, price: [89, 0.6], attrs: ['capacity_cups', 'color'],
    nouns: ['Single-Serve Coffee Maker', 'Programmable Drip Coffee Maker', 'Espresso Machine', 'Cold Brew Coffee Maker'],
    lines: ['Keurig|K-Classic K##', 'Keurig|K-Supreme Plus', 'Nespresso|Vertuo Next', 'Cuisinart|DCC-####', 'Hamilton Beach|FlexBrew', 'Ninja|CE###', "De'Longhi|Dedica EC###"],
    features: ['brewing in under a minute', 'a programmable 24-hour timer', 'a removable water reservoir', 'an automatic shut-off'],
  },
  {
    path: 'Appliances > Small Kitchen Appliances > Blenders & Air Fryers', weight: 3, price: [99, 0.6], attrs: ['wattage', 'color'],
    nouns: ['Air Fryer', 'Professional Blender', 'Stand Mixer', 'Multi-Cooker', 'Toaster Oven'],
    lines: ['Ninja|Foodi AF###', 'KitchenAid|Artisan KSM###', 'Instant Pot|Duo Plus', 'Vitamix|E###', 'Cuisinart|TOA-##', 'Hamilton Beach|##### Blender', 'Insignia|NS-AF##@@'],
    features: ['six cooking functions', 'dishwasher-safe parts', 'a digital touchscreen', 'a powerful motor for smoothies and frozen drinks'],
  },
  {
    path: 'Appliances > Vacuums & Floor Care > Vacuums', weight: 2, price: [249, 0.6], attrs: ['color'],
    nouns: ['Cordless Stick Vacuum', 'Upright Bagless Vacuum', 'Robot Vacuum and Mop', 'Carpet Cleaner'],
    lines: ['Dyson|V## Detect', 'Shark|Navigator NV###', 'iRobot|Roomba j#+', 'BISSELL|CleanView ####', 'BISSELL|ProHeat #X', 'Samsung|Jet ##'],
    features: ['up to 60 minutes of run time', 'a HEPA filter that traps allergens', 'self-emptying base', 'pet hair tools'],
  },
  {
    path: 'Appliances > Heating, Cooling & Air Quality > Air Purifiers & Fans', weight: 1, price: [149, 0.6], attrs: ['color'],
    nouns: ['True HEPA Air Purifier', 'Tower Fan', 'Portable Air Conditioner', 'Humidifier', 'Space Heater'],
    lines: ['Dyson|Purifier Cool TP##', 'Honeywell|HPA###', 'Levoit|Core ###S', 'LG|LP####@SR', 'Vornado|###'],
    features: ['coverage for rooms up to 400 sq. ft.', 'quiet sleep mode', 'a washable pre-filter', 'app and voice control'],
  },
  {
    path: 'Home > Furniture > Office Chairs & Desks', weight: 2, price: [249, 0.6], attrs: ['color', 'material', 'weight_capacity'],
    nouns: ['Ergonomic Office Chair', 'Gaming Chair', 'Electric Standing Desk', 'Writing Desk'],
    lines: ['Serta|Bryce', 'Secretlab|TITAN Evo', 'Respawn|###', 'Flexispot|E#', 'Insignia|NS-PCG###', 'Bush Furniture|Cabot'],
    features: ['adjustable lumbar support', 'a 360-degree swivel', 'programmable height presets', 'easy assembly'],
  },
  {
    path: 'Home > Household Essentials > Batteries', weight: 2, price: [14, 0.6], attrs: ['pack'],
    nouns: ['AA Alkaline Batteries', 'AAA Alkaline Batteries', 'Rechargeable AA Batteries', 'CR2032 Lithium Coin Batteries'],
    lines: ['Duracell|Coppertop', 'Duracell|Optimum', 'Energizer|MAX', 'Energizer|Ultimate Lithium', 'Panasonic|eneloop', 'Insignia|NS-AA##'],
    features: ['up to 10 years in storage', 'leak protection', 'reliable power for everyday devices'],
  },
  {
    path: 'Sports & Outdoors > Exercise & Fitness > Cardio Machines', weight: 2, price: [799, 0.6], attrs: ['weight_capacity'],
    nouns: ['Elliptical', 'Folding Treadmill', 'Smart Exercise Bike', 'Rowing Machine'],
    lines: ['NordicTrack|Commercial ####', 'Peloton|Bike+', 'Bowflex|Max Trainer M#', 'Sole|E##', 'Schwinn|### Upright Bike', 'ProForm|Carbon E#'],
    features: ['interactive training with a touchscreen', '22 resistance levels', 'a heart rate monitor', 'a space-saving folding design'],
  },
  {
    path: 'Sports & Outdoors > Outdoor Recreation > Coolers & Water Bottles', weight: 2, price: [39, 0.8], attrs: ['color'],
    nouns: ['Insulated Water Bottle', 'Hard Cooler', 'Soft-Sided Cooler', 'Insulated Tumbler'],
    lines: ['YETI|Rambler ## oz', 'YETI|Tundra ##', 'Hydro Flask|## oz Wide Mouth', 'Stanley|Quencher H#.0', 'Coleman|##-Quart Xtreme', 'Igloo|BMX ##'],
    features: ['double-wall vacuum insulation', 'keeps drinks cold for 24 hours', 'a dishwasher-safe lid', 'a leakproof cap'],
  },
  {
    path: 'Sports & Outdoors > Bikes & Scooters > Electric Scooters', weight: 1, price: [499, 0.5], attrs: ['color'],
    nouns: ['Electric Scooter', 'Electric Bike', 'Hoverboard', 'Electric Skateboard'],
    lines: ['Segway|Ninebot Max G##', 'GOTRAX|G#', 'Hover-1|Journey', 'Jetson|Nova', 'Razor|E###'],
    features: ['a top speed of 18.6 mph', 'a range of up to 40 miles', 'puncture-resistant tires', 'a folding frame'],
  },
  {
    path: 'Apparel & Accessories > Bags & Travel > Backpacks & Luggage', weight: 2, price: [79, 0.6], attrs: ['color', 'material'],
    nouns: ['Laptop Backpack', 'Carry-On Spinner Luggage', 'Messenger Bag', 'Travel Duffel'],
    lines: ['Samsonite|Tectonic #', 'Incase|Icon', 'Targus|Cypress ##"', 'Herschel|Little America', 'Solo|Re:define', 'Thule|Subterra'],
    features: ['a padded sleeve for laptops up to 16 inches', 'water-resistant fabric', 'a luggage pass-through', 'TSA-friendly design'],
  },
  {
    path: 'Apparel & Accessories > Clothing > Activewear', weight: 2, price: [45, 0.5], attrs: ['size', 'color', 'material'],
    nouns: ["Men's Running T-Shirt", "Women's Leggings", 'Hoodie', "Men's Training Shorts", 'Rain Jacket'],
    lines: ['Nike|Dri-FIT', 'adidas|Own the Run', 'Under Armour|Tech #.0', 'Columbia|Watertight II', 'The North Face|Canyonlands', 'Patagonia|Capilene'],
    features: ['moisture-wicking fabric', 'four-way stretch', 'reflective details for low light', 'a relaxed fit'],
  },
  {
    path: 'Apparel & Accessories > Shoes > Running Shoes', weight: 1, price: [110, 0.35], attrs: ['shoe_size', 'color'],
    nouns: ["Men's Running Shoes", "Women's Running Shoes", 'Trail Running Shoes'],
    lines: ['Nike|Pegasus ##', 'adidas|Ultraboost ##', 'Brooks|Ghost ##', 'HOKA|Clifton #', 'ASICS|GEL-Kayano ##', 'New Balance|Fresh Foam ###'],
    features: ['responsive cushioning', 'a breathable engineered mesh upper', 'a durable rubber outsole', 'a secure heel fit'],
  },
  {
    path: 'Toys, Games & Drones > Drones & Accessories > Camera Drones', weight: 1, price: [449, 0.6], attrs: ['resolution'],
    nouns: ['Drone with 4K Camera', 'Mini Camera Drone', 'FPV Drone Combo'],
    lines: ['DJI|Mini # Pro', 'DJI|Air #S', 'DJI|Avata #', 'Autel|EVO Lite+', 'Holy Stone|HS###'],
    features: ['34 minutes of flight time', 'obstacle sensing in all directions', '4K/60fps HDR video', 'a 10 km video transmission range'],
  },
  {
    path: 'Toys, Games & Drones > Toys > LEGO & Building Sets', weight: 1, price: [49, 0.8], attrs: ['pack'],
    nouns: ['Building Set', 'Collector Set', 'Kids Building Kit'],
    lines: ['LEGO|Star Wars #####', 'LEGO|Technic #####', 'LEGO|Minecraft #####', 'LEGO|Super Mario #####', 'Funko|Pop! Disney'],
    features: ['detailed minifigures', 'step-by-step building instructions', 'compatibility with other sets', 'a display stand'],
  },
];
