import type { LeafSpec } from './taxonomy';

/**
 * Departments the real query log asks for that the first taxonomies lacked (desktops, car electronics, health and
 * beauty, musical instruments, office supplies, home phones, camera and laptop accessories, projectors, cables,
 * mounts, freezers). Same conventions as `taxonomy-electronics.ts`.
 */
export const MORE_DEPARTMENTS: LeafSpec[] = [
  {
    path: 'Computers & Tablets > Desktops > All Desktops', weight: 2, price: [899, 0.5], attrs: ['processor', 'memory', 'storage'],
    values: { processor: ['Intel Core i5', 'Intel Core i7', 'Intel Core i9', 'AMD Ryzen 5', 'AMD Ryzen 7', 'Apple M3'] },
    nouns: ['Desktop', 'Gaming Desktop', 'All-in-One Desktop', 'Tower Desktop Computer'],
    lines: ['Apple|iMac 24" M3', 'Apple|Mac mini', 'Dell|Inspiron ####', 'HP|Pavilion TP##-####', 'Lenovo|IdeaCentre AIO #i', 'CyberPowerPC|Gamer Xtreme VR GXiVR####', 'iBUYPOWER|Slate MR ###@', 'ASUS|ROG Strix G##CH'],
    features: ['Wi-Fi 6 and Bluetooth', 'a wired keyboard and mouse in the box', 'room to add memory and storage', 'Windows 11 Home'],
  },
  {
    path: 'Computers & Tablets > Laptop Accessories > Laptop Bags & Cases', weight: 2, price: [39, 0.5], attrs: ['color', 'material'],
    nouns: ['Laptop Sleeve', 'Hardshell Case for MacBook', 'Laptop Backpack', 'Laptop Docking Station'],
    lines: ['Incase|Icon Sleeve', 'Targus|CityLite', 'Speck|SmartShell', 'Insignia|NS-MB##@@', 'Belkin|Connect USB-C Hub', 'Case Logic|Reflect ##"'],
    features: ['a padded compartment for laptops up to 16"', 'a slim profile', 'water-repellent fabric', 'pass-through charging'],
  },
  {
    path: 'Computers & Tablets > Tablet Accessories > iPad Cases & Screen Protectors', weight: 1, price: [39, 0.5], attrs: ['compatibility', 'color'],
    values: { compatibility: ['iPad Air', 'iPad (10th generation)', 'iPad Pro 11"', 'iPad mini', 'Galaxy Tab S9'] },
    nouns: ['Folio Case', 'Keyboard Case', 'Tempered Glass Screen Protector', 'Rugged Case'],
    lines: ['Apple|Smart Folio', 'Logitech|Combo Touch', 'OtterBox|Defender Series', 'ZAGG|InvisibleShield Glass', 'Insignia|NS-IPA##@'],
    features: ['auto wake and sleep', 'a holder for Apple Pencil', 'drop protection', 'a bubble-free screen protector'],
  },
  {
    path: 'Cameras & Camcorders > Camera Accessories > Lenses & Tripods', weight: 1, price: [349, 0.9], attrs: ['color'],
    nouns: ['Zoom Lens', 'Prime Lens', 'Travel Tripod', 'Camera Bag', 'Camera Battery Grip'],
    lines: ['Canon|RF ##-###mm', 'Canon|EF ##mm f/1.8 STM', 'Sony|FE ##-##mm', 'Nikon|NIKKOR Z ##mm', 'Manfrotto|Befree', 'Lowepro|ProTactic BP ###', 'Joby|GorillaPod #K'],
    features: ['fast, quiet autofocus', 'optical image stabilization', 'a lightweight aluminum build', 'weather sealing'],
  },
  {
    path: 'Cameras & Camcorders > Instant Cameras > Instant Print Cameras', weight: 1, price: [79, 0.4], attrs: ['color'],
    nouns: ['Instant Print Camera', 'Instant Film (20 Exposures)', 'Camcorder'],
    lines: ['Fujifilm|Instax Mini ##', 'Polaroid|Now+', 'Kodak|Smile+', 'Canon|VIXIA HF R##', 'Panasonic|HC-V###'],
    features: ['prints in seconds', 'a selfie mirror', 'automatic exposure', 'a built-in flash'],
  },
  {
    path: 'Car Electronics & GPS > Car Audio > Car Stereo Receivers', weight: 2, price: [199, 0.7], attrs: ['connectivity'],
    values: { connectivity: ['Bluetooth', 'Apple CarPlay', 'Android Auto', 'USB-C'] },
    nouns: ['In-Dash Digital Media Receiver', 'Car Subwoofer', 'Car Speakers (Pair)', 'Remote Start System', 'Dash Installation Kit'],
    lines: ['Pioneer|DMH-####NEX', 'Kenwood|DMX###@', 'Sony|XAV-AX####', 'JVC|KW-M###BT', 'Kicker|CompR ##', 'Rockford Fosgate|Prime R#', 'Compustar|CS####-@', 'Metra|##-####'],
    features: ['Apple CarPlay and Android Auto', 'hands-free calling', 'a 6.8" touch screen', 'steering wheel control compatibility'],
  },
  {
    path: 'Car Electronics & GPS > Car Safety & Convenience > Dash Cams & GPS', weight: 1, price: [149, 0.6], attrs: ['resolution'],
    nouns: ['Dash Cam', 'Front and Rear Dash Cam', 'Car GPS Navigator', 'Radar Detector'],
    lines: ['Garmin|Dash Cam ##', 'Garmin|DriveSmart ##', 'Thinkware|U###', 'Nextbase|###GW', 'Cobra|RAD ###', 'Rand McNally|TND ###'],
    features: ['a wide 140-degree view', 'loop recording', 'voice control', 'lifetime map updates'],
  },
  {
    path: 'Health, Fitness & Beauty > Personal Care & Beauty > Shavers & Hair Care', weight: 2, price: [69, 0.6], attrs: ['color'],
    nouns: ['Electric Shaver', 'Hair Dryer', 'Beard Trimmer', 'Electric Toothbrush', 'Hair Removal Device', 'Massager'],
    lines: ['Philips|Norelco ####', 'Braun|Series # ####', 'Dyson|Supersonic', 'Oral-B|iO Series #', 'Remington|PG####', 'Theragun|Mini (#nd Gen)', 'Conair|InfinitiPRO', 'HoMedics|Shiatsu ###'],
    features: ['wet and dry use', 'a rechargeable battery with a travel lock', 'several attachments', 'a 2-year warranty'],
  },
  {
    path: 'Health, Fitness & Beauty > Home Health > Scales & Monitors', weight: 1, price: [49, 0.6], attrs: ['color'],
    nouns: ['Smart Scale', 'Blood Pressure Monitor', 'Digital Thermometer', 'Pulse Oximeter', 'Heart Rate Monitor'],
    lines: ['Withings|Body+', 'Omron|Platinum BP####', 'Braun|ThermoScan #', 'Eufy|Smart Scale P#', 'Polar|H##'],
    features: ['readings synced to your phone', 'several user profiles', 'clinically validated accuracy', 'a large backlit display'],
  },
  {
    path: 'Musical Instruments > Instruments > Guitars, Keyboards & Microphones', weight: 1, price: [199, 0.8], attrs: ['color'],
    nouns: ['Electric Guitar', 'Acoustic Guitar', 'Digital Piano', 'USB Microphone', 'Karaoke Machine', 'Guitar Amplifier'],
    lines: ['Fender|Player Stratocaster', 'Yamaha|P-###', 'Casio|CT-S###', 'Blue|Yeti', 'Shure|SM##', 'Singing Machine|SML###', 'Epiphone|Les Paul', 'IK Multimedia|iRig #'],
    features: ['a gig bag', 'USB audio output', 'built-in lessons', 'a headphone jack for silent practice'],
  },
  {
    path: 'Office & School Supplies > School Supplies > Calculators, Pens & Paper', weight: 1, price: [12, 0.8], attrs: ['pack', 'color'],
    nouns: ['Graphing Calculator', 'Highlighters', 'Mechanical Pencils', 'Copy Paper', 'Label Maker'],
    lines: ['Texas Instruments|TI-## Plus', 'Sharpie|Pocket', 'Pentel|Twist-Erase', 'Hammermill|Copy Plus', 'Brother|P-touch PT-D###', 'Fellowes|Laminator ###'],
    features: ['a school-year warranty', 'acid-free ink', 'smooth writing', 'a protective cover'],
  },
  {
    path: 'Telephones & Communication > Home Phones > Cordless Telephones', weight: 1, price: [59, 0.5], attrs: ['pack', 'color'],
    nouns: ['Cordless Phone with Answering System', 'Corded Phone', 'Two-Way Radios', 'Bluetooth Headset'],
    lines: ['Panasonic|KX-TGF###', 'VTech|CS####', 'AT&T|CL####', 'Motorola|Talkabout T###', 'Jabra|Talk ##'],
    features: ['caller ID and call blocking', 'a range of up to 1,000 feet', 'a backlit keypad', 'a speakerphone on the handset'],
  },
  {
    path: 'TV & Home Theater > Projectors & Screens > Projectors', weight: 1, price: [699, 0.6], attrs: ['resolution'],
    nouns: ['Home Theater Projector', 'Portable Smart Projector', 'Projector Screen'],
    lines: ['Epson|Home Cinema ####', 'BenQ|HT####', 'Optoma|UHD##', 'Anker|Nebula Capsule #', 'LG|CineBeam HU###'],
    features: ['a 100-inch picture', 'a bright 3,000-lumen lamp', 'built-in speakers', 'keystone correction'],
  },
  {
    path: 'TV & Home Theater > TV Accessories > TV Mounts & Stands', weight: 1, price: [79, 0.6], attrs: ['tv_size', 'weight_capacity'],
    nouns: ['Full-Motion TV Wall Mount', 'Fixed TV Wall Mount', 'TV Stand', 'Tilting TV Wall Mount'],
    lines: ['Sanus|VLF###', 'Insignia|NS-HTVM####', 'Rocketfish|RF-TVML####', 'Mount-It!|MI-###', 'Walker Edison|Highboy'],
    features: ['hardware for wood studs and concrete', 'cable management', 'tool-free tilt', 'a 10-minute install'],
  },
  {
    path: 'TV & Home Theater > A/V Cables & Connectors > HDMI & Adapters', weight: 1, price: [24, 0.6], attrs: ['length'],
    nouns: ['4K HDMI Cable', 'USB-C to HDMI Adapter', 'Optical Audio Cable', 'HDMI Switch', 'Banana Plugs (10-Pack)'],
    lines: ['Rocketfish|RF-G####', 'Insignia|NS-HG##', 'Monster|Ultra', 'Dynex|DX-HM####', 'Belkin|Ultra HD'],
    features: ['18 Gbps bandwidth for 4K at 60 Hz', 'gold-plated connectors', 'a braided jacket', 'a lifetime warranty'],
  },
  {
    path: 'Appliances > Refrigerators > Freezers & Wine Coolers', weight: 1, price: [599, 0.5], attrs: ['capacity', 'finish'],
    nouns: ['Chest Freezer', 'Upright Freezer', 'Wine Cooler', 'Mini Fridge', 'Ice Maker'],
    lines: ['Frigidaire|FFFU##@#@W', 'Whirlpool|WZF##R##@W', 'Insignia|NS-CZ##WH#', 'Igloo|IGLCMB##', 'GE|FCM##@@WW', 'Danby|DWC###'],
    features: ['a power-on indicator light', 'adjustable temperature control', 'a reversible door', 'a quiet compressor'],
  },
];
