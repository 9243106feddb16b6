/// Electronics: audio, computers, wearables and accessories.
extension ProductKindTable {
    private static let audioBrands = [
        "Sony", "Bose", "Sennheiser", "JBL", "Beats", "Audio-Technica", "Skullcandy", "Soundcore", "Jabra", "Bang & Olufsen",
    ]
    private static let computerBrands = ["Dell", "Lenovo", "HP", "ASUS", "Acer", "Apple", "Microsoft", "MSI", "Samsung", "LG"]
    private static let accessoryBrands = ["Logitech", "Anker", "Belkin", "Razer", "Corsair", "UGREEN", "Satechi", "Keychron"]
    private static let wearableBrands = ["Apple", "Samsung", "Garmin", "Fitbit", "Amazfit", "Google", "Withings"]
    private static let batteryHours: ProductKind.AttributeSource = .number(6...60, step: 2, suffix: " hours")

    static let electronics: [ProductKind] = [
        ProductKind(
            "Electronics", "Wireless Headphones", dollars: 39...449, brands: audioBrands,
            attributes: ["color": .values(CatalogVocabulary.deviceColors), "connectivity": .values(["Bluetooth 5.3", "Bluetooth 5.2", "Bluetooth 5.0"]), "battery": batteryHours],
            features: ["Noise Cancelling", "Active Noise Cancelling", "Over-Ear", "On-Ear", "Hi-Res Audio", "Foldable"],
            names: [
                "{brand} {model} Wireless {feature} Headphones, {color}",
                "{brand} {model} {feature} Bluetooth Headphones with Microphone, {color}",
                "{brand} {model} Over-Ear Wireless Headphones, {battery} Battery, {color}",
            ],
            sentences: [
                "Up to {battery} of playback on a single charge, with a quick 10-minute charge for 5 more hours.",
                "{feature} design blocks out the commute so you hear only your music.",
                "Soft memory-foam ear cushions stay comfortable through long listening sessions.",
                "Pairs over {connectivity} with phones, tablets and laptops, and switches between two devices.",
                "Built-in microphones keep your voice clear on calls, even in noisy places.",
            ]),
        ProductKind(
            "Electronics", "Earbuds", dollars: 19...299, brands: audioBrands + ["Apple", "Samsung", "Google"],
            attributes: ["color": .values(CatalogVocabulary.deviceColors), "connectivity": .values(["Bluetooth 5.3", "Bluetooth 5.2"]), "battery": .number(4...12, step: 1, suffix: " hours"), "water resistance": .values(["IPX4", "IPX5", "IP55", "IPX7"])],
            features: ["Noise Cancelling", "True Wireless", "Sport", "Open-Ear", "Low-Latency Gaming"],
            names: [
                "{brand} {model} {feature} Earbuds, {color}",
                "{brand} {model} True Wireless Earbuds with Charging Case, {water resistance}, {color}",
                "{brand} {model} Wireless Earbuds, {feature}, {color}",
            ],
            sentences: [
                "Each earbud plays for up to {battery}, and the pocket-size case adds several more charges.",
                "{water resistance} sweat and water resistance makes these earbuds ready for the gym and the rain.",
                "Three sizes of silicone tips give a secure, comfortable seal.",
                "Touch controls let you skip tracks, take calls and summon your voice assistant.",
            ]),
        ProductKind(
            "Electronics", "Bluetooth Speaker", plural: "Bluetooth Speakers", dollars: 24...399, brands: audioBrands + ["Ultimate Ears", "Marshall"],
            attributes: ["color": .values(CatalogVocabulary.deviceColors + ["Teal", "Coral"]), "battery": .number(8...30, step: 2, suffix: " hours"), "water resistance": .values(["IP67", "IPX7", "IP65"])],
            features: ["Portable", "Waterproof", "Rugged", "Party", "Mini"],
            names: [
                "{brand} {model} {feature} Bluetooth Speaker, {color}",
                "{brand} {model} Portable Wireless Speaker, {water resistance} Waterproof, {color}",
            ],
            sentences: [
                "Big, room-filling sound with deep bass from a speaker that fits in a backpack.",
                "{water resistance} rated, so it survives splashes, sand and a drop in the pool.",
                "Plays for up to {battery} and doubles as a power bank for your phone.",
                "Pair two speakers for stereo sound or link several for a party.",
            ]),
        ProductKind(
            "Electronics", "Smartwatch", plural: "Smartwatches", dollars: 79...799, brands: wearableBrands,
            attributes: ["color": .values(CatalogVocabulary.deviceColors), "case size": .values(["40mm", "41mm", "44mm", "45mm", "47mm"]), "battery": .number(1...14, step: 1, suffix: " days")],
            features: ["GPS", "Fitness Tracker", "AMOLED", "Cellular", "Rugged"],
            names: [
                "{brand} {series} {version} {feature} Smartwatch, {case size}, {color}",
                "{brand} {model} Smart Watch with Heart Rate Monitor, {case size}, {color}",
            ],
            series: ["Watch", "Galaxy Watch", "Forerunner", "Venu", "Versa", "Sense", "Pixel Watch", "Active"],
            sentences: [
                "Tracks heart rate, sleep, blood oxygen and more than 100 workout types.",
                "Battery lasts up to {battery} between charges.",
                "Built-in GPS maps runs and rides without your phone.",
                "Get call, text and app notifications right on your wrist.",
            ]),
        ProductKind(
            "Electronics", "Laptop", plural: "Laptops", dollars: 399...2499, brands: computerBrands,
            attributes: ["screen": .values(["13.3-inch", "14-inch", "15.6-inch", "16-inch", "17.3-inch"]), "memory": .values(["8GB", "16GB", "32GB"]), "storage": .values(["256GB SSD", "512GB SSD", "1TB SSD", "2TB SSD"]), "color": .values(["Silver", "Space Gray", "Black", "Platinum"])],
            features: ["Thin and Light", "Gaming", "2-in-1", "Business", "Creator"],
            names: [
                "{brand} {series} {model} {screen} Laptop, {memory} RAM, {storage}, {color}",
                "{brand} {series} {version} {feature} Laptop, {screen}, {memory}, {storage}",
            ],
            series: ["Inspiron", "XPS", "IdeaPad", "ThinkPad", "Pavilion", "ZenBook", "Aspire", "Swift", "Surface Laptop", "Galaxy Book", "Predator", "Yoga", "Spectre", "Vivobook"],
            sentences: [
                "A {screen} display with slim bezels makes work and streaming look sharp.",
                "{memory} of memory and a fast {storage} keep apps and files opening quickly.",
                "All-day battery, a backlit keyboard and a 1080p webcam for video calls.",
                "Thunderbolt and USB-C ports connect displays, drives and chargers.",
            ]),
        ProductKind(
            "Electronics", "Tablet", plural: "Tablets", dollars: 129...1099, brands: ["Apple", "Samsung", "Lenovo", "Amazon", "Microsoft", "OnePlus"],
            attributes: ["screen": .values(["8.7-inch", "10.2-inch", "10.9-inch", "11-inch", "12.4-inch", "13-inch"]), "storage": .values(["64GB", "128GB", "256GB", "512GB"]), "connectivity": .values(["Wi-Fi", "Wi-Fi + Cellular"]), "color": .values(CatalogVocabulary.deviceColors)],
            features: ["Kids Edition", "Pro", "Plus", "Lite"],
            names: [
                "{brand} {series} {screen} Tablet, {storage}, {connectivity}, {color}",
                "{brand} {model} {screen} Android Tablet, {storage}, {color}",
            ],
            series: ["iPad", "iPad Air", "Galaxy Tab S9", "Tab P12", "Fire HD 10", "Surface Go", "Pad"],
            sentences: [
                "A bright {screen} screen for reading, drawing and streaming.",
                "{storage} of storage holds apps, photos and offline downloads.",
                "Works with a stylus and keyboard cover for notes and email.",
            ]),
        ProductKind(
            "Electronics", "Monitor", plural: "Monitors", dollars: 99...899, brands: computerBrands + ["BenQ", "ViewSonic", "AOC"],
            attributes: ["screen": .values(["24-inch", "27-inch", "32-inch", "34-inch Ultrawide"]), "resolution": .values(["1080p Full HD", "1440p QHD", "4K UHD"]), "refresh rate": .values(["75Hz", "100Hz", "144Hz", "165Hz", "240Hz"])],
            features: ["IPS", "Curved", "Gaming", "USB-C", "Ergonomic"],
            names: [
                "{brand} {model} {screen} {resolution} {feature} Monitor, {refresh rate}",
                "{brand} {model} {screen} {feature} Computer Monitor, {resolution}",
            ],
            sentences: [
                "A {screen} {resolution} panel with accurate color for work and play.",
                "A {refresh rate} refresh rate keeps motion smooth in games and scrolling.",
                "Height, tilt and swivel adjustment for a comfortable setup.",
                "HDMI, DisplayPort and USB-C inputs connect laptops and consoles.",
            ]),
        ProductKind(
            "Electronics", "Keyboard", plural: "Keyboards", dollars: 19...199, brands: accessoryBrands,
            attributes: ["switches": .values(["Red Linear", "Brown Tactile", "Blue Clicky", "Low-Profile", "Membrane"]), "connectivity": .values(["Wireless", "Bluetooth", "USB-C Wired", "Tri-Mode"]), "color": .values(["Black", "White", "Gray", "Pink"])],
            features: ["Mechanical", "Wireless", "Compact 75%", "Tenkeyless", "Ergonomic", "RGB Gaming"],
            names: [
                "{brand} {model} {feature} Keyboard, {switches} Switches, {color}",
                "{brand} {model} {connectivity} {feature} Keyboard for Mac and Windows",
            ],
            sentences: [
                "{switches} switches give every keystroke a crisp, consistent feel.",
                "Connects by {connectivity} and remembers up to three devices.",
                "Hot-swappable switches and durable PBT keycaps.",
                "Backlit keys make typing easy in a dark room.",
            ]),
        ProductKind(
            "Electronics", "Mouse", plural: "Mice", dollars: 12...149, brands: accessoryBrands,
            attributes: ["connectivity": .values(["Wireless", "Bluetooth", "Wired USB"]), "sensor": .values(["4,000 DPI", "8,000 DPI", "16,000 DPI", "26,000 DPI"]), "color": .values(["Black", "White", "Graphite", "Rose"])],
            features: ["Ergonomic", "Gaming", "Silent", "Vertical", "Travel"],
            names: [
                "{brand} {model} {feature} {connectivity} Mouse, {color}",
                "{brand} {model} {feature} Mouse, {sensor} Sensor",
            ],
            sentences: [
                "A {sensor} sensor tracks precisely on almost any surface.",
                "Shaped to support your hand through a full workday.",
                "Programmable buttons put shortcuts under your thumb.",
            ]),
        ProductKind(
            "Electronics", "Phone Charger", plural: "Phone Chargers", dollars: 12...69, brands: accessoryBrands + ["Apple", "Samsung"],
            attributes: ["wattage": .values(["20W", "30W", "45W", "65W", "100W", "140W"]), "ports": .values(["1 USB-C", "2 USB-C", "2 USB-C + 1 USB-A"]), "color": .values(["White", "Black"])],
            features: ["GaN", "Fast", "Compact", "Foldable Plug"],
            names: [
                "{brand} {model} {wattage} {feature} USB-C Charger, {ports} Ports",
                "{brand} {wattage} {feature} Wall Charger Block, {color}",
            ],
            sentences: [
                "{wattage} of power charges a phone to 50% in about 30 minutes.",
                "GaN technology keeps it smaller than the charger that came with your laptop.",
                "{ports} ports share power intelligently between devices.",
            ]),
        ProductKind(
            "Electronics", "USB-C Cable", plural: "USB-C Cables", dollars: 6...29, brands: accessoryBrands,
            attributes: ["length": .values(["3 ft", "6 ft", "10 ft"]), "pack": .values(["1-Pack", "2-Pack", "3-Pack"]), "color": .values(["Black", "White", "Gray"])],
            features: ["Braided", "100W", "Fast Charging", "USB 3.2"],
            names: [
                "{brand} {feature} USB-C to USB-C Cable, {length}, {pack}",
                "{brand} {model} {feature} USB-C Charging Cable, {length}, {color}",
            ],
            sentences: [
                "A nylon-braided jacket survives more than 20,000 bends.",
                "Supports fast charging and data transfer for phones, tablets and laptops.",
                "Comes as a {pack} of {length} cables.",
            ]),
        ProductKind(
            "Electronics", "Webcam", plural: "Webcams", dollars: 29...199, brands: accessoryBrands + ["Insta360", "Elgato"],
            attributes: ["resolution": .values(["1080p", "2K", "4K"]), "frame rate": .values(["30fps", "60fps"]), "color": .values(["Black", "White"])],
            features: ["Streaming", "Autofocus", "Wide-Angle", "Privacy Shutter"],
            names: [
                "{brand} {model} {resolution} {feature} Webcam with Microphone",
                "{brand} {model} {resolution} Webcam, {frame rate}, {color}",
            ],
            sentences: [
                "{resolution} video at {frame rate} with automatic light correction.",
                "Dual microphones pick up your voice and reduce background noise.",
                "A universal clip fits laptops and monitors; a privacy shutter covers the lens.",
            ]),
    ]
}
