/// Sports & Outdoors and Toys & Games.
extension ProductKindTable {
    private static let sportsBrands = [
        "Coleman", "YETI", "Hydro Flask", "Wilson", "Spalding", "Osprey", "Bowflex", "Manduka", "CamelBak",
        "Black Diamond", "REI Co-op", "Gaiam", "Stanley", "Kelty",
    ]
    private static let toyBrands = [
        "LEGO", "Hasbro", "Mattel", "Melissa & Doug", "Fisher-Price", "Hot Wheels", "Nerf", "Ravensburger", "Funko",
        "VTech", "Crayola", "Magna-Tiles", "Play-Doh",
    ]
    private static let ageRange: ProductKind.AttributeSource = .values(["Ages 3+", "Ages 5+", "Ages 8+", "Ages 12+", "Ages 18+"])

    static let sportsAndOutdoors: [ProductKind] = [
        ProductKind(
            "Sports & Outdoors", "Yoga Mat", plural: "Yoga Mats", dollars: 19...129, brands: sportsBrands + ["Lululemon", "JadeYoga"],
            attributes: ["thickness": .values(["4mm", "5mm", "6mm", "8mm"]), "color": .values(["Black", "Purple", "Midnight", "Sage", "Blush", "Teal"]), "material": .values(["Natural Rubber", "TPE", "PVC", "Cork"])],
            features: ["Non-Slip", "Extra Thick", "Travel", "Eco-Friendly"],
            names: ["{brand} {series} {feature} Yoga Mat, {thickness}, {color}", "{brand} {thickness} {material} Yoga Mat with Carrying Strap"],
            series: ["PRO", "Premium", "Essential", "Align"],
            sentences: ["A {thickness} {material} mat cushions knees and wrists.", "Grippy on both sides, even in hot yoga.", "Rolls up tight and weighs under 5 pounds."]),
        ProductKind(
            "Sports & Outdoors", "Water Bottle", plural: "Water Bottles", dollars: 14...54, brands: sportsBrands,
            attributes: ["capacity": .values(["18 oz", "24 oz", "32 oz", "40 oz", "64 oz"]), "color": .values(["Black", "White", "Pacific Blue", "Olive", "Watermelon", "Stone"])],
            features: ["Insulated", "Wide Mouth", "Straw Lid", "Chug Cap", "Leakproof"],
            names: ["{brand} {capacity} {feature} Water Bottle, {color}", "{brand} {series} Stainless Steel Water Bottle, {capacity}, {color}"],
            series: ["Rambler", "Quencher H2.0", "Chute", "Trail Series"],
            sentences: ["Double-wall vacuum insulation keeps drinks cold for 24 hours and hot for 12.", "A {capacity} bottle that fits most cup holders.", "BPA-free, sweat-proof and dishwasher safe."]),
        ProductKind(
            "Sports & Outdoors", "Camping Tent", plural: "Camping Tents", dollars: 79...549, brands: ["Coleman", "REI Co-op", "Big Agnes", "Kelty", "MSR", "Nemo"],
            attributes: ["capacity": .values(["2-Person", "4-Person", "6-Person", "8-Person"]), "season": .values(["3-Season", "4-Season"]), "weight": .number(3...24, step: 1, suffix: " lb")],
            features: ["Dome", "Instant", "Backpacking", "Cabin"],
            names: ["{brand} {series} {capacity} {feature} Tent", "{brand} {capacity} {season} {feature} Camping Tent with Rainfly"],
            series: ["Sundome", "Half Dome", "Copper Spur", "Wireless", "Hubba Hubba"],
            sentences: ["A {capacity} {season} tent that pitches in under 10 minutes.", "A full-coverage rainfly and taped seams keep storms out.", "Weighs {weight} packed, with a roomy vestibule for gear."]),
        ProductKind(
            "Sports & Outdoors", "Adjustable Dumbbells", dollars: 49...549, brands: ["Bowflex", "NordicTrack", "PowerBlock", "CAP Barbell", "Amazon Basics"],
            attributes: ["weight": .values(["5-25 lb", "5-52.5 lb", "10-90 lb", "2 x 25 lb"])],
            features: ["Space-Saving", "Quick-Select", "Rubber-Coated"],
            names: ["{brand} {series} {model} Adjustable Dumbbells, {weight}", "{brand} {feature} Dumbbell Set, {weight}"],
            series: ["SelectTech", "Pro", "Elite"],
            sentences: ["Replaces up to 15 sets of weights with a turn of the dial.", "Adjusts from {weight} in seconds.", "A compact tray keeps your home gym tidy."]),
        ProductKind(
            "Sports & Outdoors", "Basketball", plural: "Basketballs", dollars: 19...79, brands: ["Wilson", "Spalding", "Molten", "Nike", "Under Armour"],
            attributes: ["size": .values(["Official Size 7 (29.5\")", "Size 6 (28.5\")", "Youth Size 5 (27.5\")"]), "surface": .values(["Indoor", "Indoor/Outdoor", "Outdoor"])],
            features: ["Composite Leather", "Rubber", "Official Game"],
            names: ["{brand} {series} {feature} Basketball, {size}", "{brand} {surface} Basketball, {size}"],
            series: ["Evolution", "NCAA Legend", "TF-1000", "Street"],
            sentences: ["Deep channels and a pebbled cover for a sure grip.", "Made for {surface} courts.", "Ships deflated; a pump needle is included."]),
        ProductKind(
            "Sports & Outdoors", "Hiking Backpack", plural: "Hiking Backpacks", dollars: 49...329, brands: ["Osprey", "Gregory", "Deuter", "REI Co-op", "The North Face", "Kelty"],
            attributes: ["capacity": .values(["22L", "33L", "40L", "55L", "65L"]), "color": .values(["Black", "Blue", "Green", "Orange", "Gray"])],
            features: ["Daypack", "Ultralight", "Hydration", "Backpacking"],
            names: ["{brand} {series} {capacity} {feature} Backpack, {color}", "{brand} {series} {version} Hiking Backpack, {capacity}"],
            series: ["Talon", "Atmos AG", "Zulu", "Trail", "Futura"],
            sentences: ["A {capacity} pack with a ventilated back panel and padded hip belt.", "A hydration sleeve holds up to a 3-liter reservoir.", "An integrated rain cover tucks into the base."]),
    ]

    static let toysAndGames: [ProductKind] = [
        ProductKind(
            "Toys & Games", "Building Set", plural: "Building Sets", dollars: 9...249, brands: ["LEGO", "Magna-Tiles", "Mega Bloks", "K'NEX"],
            attributes: ["pieces": .number(80...3500, step: 10, suffix: " Pieces"), "age": ageRange],
            titles: ["{titleAdjective} {titleNoun}", "Space Shuttle Adventure", "City Fire Station", "Medieval Castle", "Race Car Garage", "Botanical Flower Bouquet"],
            names: ["{brand} {title} Building Set {model}, {pieces}", "{brand} {title} Building Kit, {age}"],
            sentences: ["{pieces} for hours of creative building.", "Builds a display model, then comes apart to build something new.", "Step-by-step instructions for builders {age}."]),
        ProductKind(
            "Toys & Games", "Board Game", plural: "Board Games", dollars: 12...59, brands: ["Hasbro", "Ravensburger", "Asmodee", "Mattel", "Catan Studio", "Stonemaier Games"],
            attributes: ["players": .values(["2-4 Players", "2-6 Players", "3-8 Players", "1-5 Players"]), "age": ageRange, "play time": .values(["20 minutes", "30-60 minutes", "60-90 minutes"])],
            titles: ["The {titleAdjective} {titleNoun}", "{titleNoun} Quest", "Race to the {titleNoun}", "Kingdoms of {titleNoun}"],
            names: ["{title} Board Game, {players}, {age}", "{brand} {title} Strategy Game for Families"],
            sentences: ["A family game for {players}, {age}.", "Games last about {play time}.", "Easy to learn, with new strategies to discover every time you play."]),
        ProductKind(
            "Toys & Games", "Jigsaw Puzzle", plural: "Jigsaw Puzzles", dollars: 12...39, brands: ["Ravensburger", "Buffalo Games", "Springbok", "Cobble Hill"],
            attributes: ["pieces": .values(["300 Pieces", "500 Pieces", "1000 Pieces", "1500 Pieces", "2000 Pieces"])],
            titles: ["{titleAdjective} {titleNoun}", "Autumn in the {titleNoun}", "The {titleNoun} at Dusk"],
            names: ["{brand} {title} Jigsaw Puzzle, {pieces}"],
            sentences: ["{pieces} that fit snugly, with no puzzle dust.", "A linen-finish print reduces glare.", "A poster of the finished picture is included."]),
        ProductKind(
            "Toys & Games", "Remote Control Car", plural: "Remote Control Cars", dollars: 24...149, brands: ["Traxxas", "Hot Wheels", "DEERC", "Redcat", "Force1"],
            attributes: ["scale": .values(["1:10", "1:16", "1:18", "1:24"]), "top speed": .values(["15 mph", "25 mph", "30 mph", "40 mph"]), "age": ageRange],
            features: ["Off-Road", "Monster Truck", "Drift", "Waterproof", "Rock Crawler"],
            names: ["{brand} {model} {scale} {feature} RC Car, {top speed}", "{brand} {feature} Remote Control Truck {model}, {age}"],
            sentences: ["Reaches {top speed} with all-terrain tires.", "Two rechargeable batteries for 40 minutes of driving.", "A shockproof chassis bounces back from crashes."]),
        ProductKind(
            "Toys & Games", "Plush Toy", plural: "Plush Toys", dollars: 9...39, brands: ["Jellycat", "Squishmallows", "Ty", "Melissa & Doug", "GUND"],
            attributes: ["height": .values(["8 inch", "12 inch", "16 inch", "24 inch"]), "age": .values(["Ages 0+", "Ages 3+"])],
            names: ["{brand} {titleAdjective} {animal} Plush Toy, {height}", "{brand} Bashful {animal} Stuffed Animal, {height}"],
            sentences: ["Super-soft fabric made for hugging.", "Surface washable and safe for {age}.", "A sweet gift for baby showers and birthdays."]),
    ]
}
