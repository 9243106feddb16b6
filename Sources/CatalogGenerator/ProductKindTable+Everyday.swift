/// Grocery, Pet Supplies and Garden & Outdoor.
extension ProductKindTable {
    private static let coffeeBrands = [
        "Starbucks", "Lavazza", "Peet's", "Dunkin'", "Death Wish Coffee", "Folgers", "illy", "Kirkland Signature",
        "365 by Whole Foods",
    ]
    private static let pastaBrands = ["Barilla", "De Cecco", "Rao's", "Banza", "Ronzoni", "365 by Whole Foods"]
    private static let snackBrands = ["Nature Valley", "Quaker", "KIND", "Clif Bar", "RXBAR", "Kellogg's", "Annie's", "Larabar"]
    private static let petBrands = [
        "Purina", "Blue Buffalo", "Hill's Science Diet", "KONG", "Pedigree", "Nylabone", "Frisco", "PetSafe",
        "Chuckit!", "Greenies", "Royal Canin", "Wellness", "Tetra", "Arm & Hammer",
    ]
    private static let gardenBrands = [
        "Scotts", "Miracle-Gro", "Fiskars", "Weber", "Traeger", "Sun Joe", "Greenworks", "DEWALT", "BLACK+DECKER",
        "Gardena", "Flexzilla", "EGO", "Char-Broil", "Burpee",
    ]

    static let grocery: [ProductKind] = [
        ProductKind(
            "Grocery", "Ground Coffee", dollars: 6...24, brands: coffeeBrands,
            attributes: ["roast": .values(["Light Roast", "Medium Roast", "Dark Roast", "Espresso Roast"]), "weight": .values(["10 oz", "12 oz", "18 oz", "28 oz", "2 lb"]), "flavor": .values(["Breakfast Blend", "Colombian", "French Roast", "Hazelnut", "House Blend", "Decaf"])],
            names: ["{brand} {flavor} Ground Coffee, {roast}, {weight} Bag", "{brand} {roast} Ground Coffee, {flavor}, {weight}"],
            sentences: ["100% arabica beans, {roast} for a smooth, balanced cup.", "Notes of cocoa and toasted nuts.", "Ground for drip machines and pour-over; {weight} resealable bag."]),
        ProductKind(
            "Grocery", "Pasta", dollars: 2...9, brands: pastaBrands,
            attributes: ["shape": .values(["Spaghetti", "Penne", "Rigatoni", "Fusilli", "Linguine", "Farfalle", "Orzo"]), "weight": .values(["12 oz", "16 oz", "2 lb"])],
            features: ["Whole Wheat", "Protein+", "Gluten-Free", "Bronze-Cut"],
            names: ["{brand} {feature} {shape} Pasta, {weight}", "{brand} {shape}, {weight} Box"],
            sentences: ["Made from durum wheat semolina and cooks al dente in about 11 minutes.", "{shape} holds onto sauces from marinara to pesto.", "Non-GMO and kosher."]),
        ProductKind(
            "Grocery", "Granola Bars", dollars: 3...19, brands: snackBrands,
            attributes: ["flavor": .values(["Oats 'n Honey", "Peanut Butter", "Dark Chocolate Almond", "Blueberry", "Maple Pecan"]), "count": .values(["6 Count", "12 Count", "24 Count", "48 Count"])],
            features: ["Crunchy", "Chewy", "Protein", "Low Sugar"],
            names: ["{brand} {feature} Granola Bars, {flavor}, {count}", "{brand} {flavor} Snack Bars, {count}"],
            sentences: ["Whole grain oats and real {flavor} flavor for a snack on the go.", "Individually wrapped for lunch boxes and backpacks.", "Package quantity: {count}."]),
        ProductKind(
            "Grocery", "Chocolate Bar", plural: "Chocolate Bars", dollars: 2...14, brands: ["Lindt", "Ghirardelli", "Hershey's", "Tony's Chocolonely", "Godiva", "Alter Eco"],
            attributes: ["cocoa": .values(["Milk Chocolate", "70% Cocoa", "85% Cocoa", "White Chocolate"]), "flavor": .values(["Sea Salt", "Caramel", "Almond", "Raspberry", "Mint", "Orange"]), "weight": .values(["3.5 oz", "4.4 oz", "6.3 oz"])],
            names: ["{brand} {cocoa} Bar with {flavor}, {weight}", "{brand} {series} {cocoa} {flavor} Chocolate, {weight}"],
            series: ["Excellence", "Intense Dark", "Squares", "Classic"],
            sentences: ["Smooth {cocoa} with a touch of {flavor}.", "Ethically sourced cocoa beans.", "Perfect for sharing, baking or gifting."]),
        ProductKind(
            "Grocery", "Extra Virgin Olive Oil", dollars: 7...29, brands: ["California Olive Ranch", "Colavita", "Bertolli", "Filippo Berio", "Kirkland Signature", "Graza"],
            attributes: ["volume": .values(["16.9 fl oz", "25.3 fl oz", "33.8 fl oz", "2 L"]), "origin": .values(["Italy", "Spain", "Greece", "California"])],
            names: ["{brand} Extra Virgin Olive Oil, {volume}", "{brand} {origin} Extra Virgin Olive Oil, Cold Pressed, {volume}"],
            sentences: ["Cold-pressed from olives grown in {origin}.", "Fruity and peppery, for dressings, dipping and sautéing.", "A dark bottle protects the oil from light."]),
        ProductKind(
            "Grocery", "Tea", dollars: 3...18, brands: ["Twinings", "Bigelow", "Yogi", "Tazo", "Harney & Sons", "Celestial Seasonings"],
            attributes: ["variety": .values(["English Breakfast", "Earl Grey", "Green", "Chamomile", "Peppermint", "Chai", "Jasmine Green"]), "count": .values(["20 Tea Bags", "40 Tea Bags", "100 Tea Bags"])],
            features: ["Organic", "Decaf", "Herbal"],
            names: ["{brand} {feature} {variety} Tea, {count}", "{brand} {variety} Tea Bags, {count}"],
            sentences: ["A classic {variety} tea with a bright, full flavor.", "Individually wrapped bags keep each cup fresh.", "Steep 3 to 5 minutes in freshly boiled water."]),
    ]

    static let petSupplies: [ProductKind] = [
        ProductKind(
            "Pet Supplies", "Dry Dog Food", dollars: 14...94, brands: petBrands,
            attributes: ["flavor": .values(["Chicken & Rice", "Lamb & Brown Rice", "Salmon & Sweet Potato", "Beef & Barley"]), "weight": .values(["4 lb", "15 lb", "24 lb", "30 lb", "40 lb"]), "life stage": .values(["Puppy", "Adult", "Senior"])],
            features: ["Grain-Free", "High Protein", "Large Breed", "Small Breed", "Sensitive Stomach"],
            names: ["{brand} {series} {life stage} {feature} Dry Dog Food, {flavor}, {weight} Bag", "{brand} {feature} Dog Food, {flavor} Recipe, {weight}"],
            series: ["Pro Plan", "Life Protection Formula", "Adult Perfect Weight", "Complete Health"],
            sentences: ["Real {flavor} is the first ingredient.", "Balanced nutrition for {life stage} dogs with antioxidants and omega fatty acids.", "No corn, wheat or soy fillers."]),
        ProductKind(
            "Pet Supplies", "Cat Litter", dollars: 9...34, brands: petBrands + ["Fresh Step", "Tidy Cats", "Dr. Elsey's"],
            attributes: ["weight": .values(["14 lb", "20 lb", "28 lb", "40 lb"]), "scent": .values(["Unscented", "Fresh Scent", "Lavender"])],
            features: ["Clumping", "Multi-Cat", "Lightweight", "Low Dust"],
            names: ["{brand} {feature} Cat Litter, {scent}, {weight}"],
            sentences: ["Forms tight clumps for easy scooping.", "Locks in odors for up to 14 days.", "99% dust-free for cleaner paws and floors."]),
        ProductKind(
            "Pet Supplies", "Dog Bed", plural: "Dog Beds", dollars: 24...159, brands: petBrands + ["Furhaven", "Casper", "Big Barker"],
            attributes: ["size": .values(["Small", "Medium", "Large", "X-Large"]), "color": .values(["Gray", "Brown", "Navy", "Cream", "Sage"])],
            features: ["Orthopedic", "Calming Donut", "Bolster", "Cooling Gel", "Waterproof"],
            names: ["{brand} {feature} Dog Bed, {size}, {color}"],
            sentences: ["Memory foam supports aging joints.", "The removable cover is machine washable.", "A non-slip base keeps it in place."]),
        ProductKind(
            "Pet Supplies", "Dog Toy", plural: "Dog Toys", dollars: 5...29, brands: ["KONG", "Nylabone", "Chuckit!", "Benebone", "West Paw", "Outward Hound"],
            attributes: ["size": .values(["Small", "Medium", "Large", "X-Large"]), "color": .values(["Red", "Blue", "Orange", "Green"])],
            features: ["Chew", "Squeaky", "Fetch Ball", "Puzzle", "Tug"],
            names: ["{brand} {series} {feature} Dog Toy, {size}", "{brand} {feature} Toy for Dogs, {size}, {color}"],
            series: ["Classic", "Extreme", "Ultra Ball", "Power Chew", "Wishbone"],
            sentences: ["Tough rubber stands up to strong chewers.", "Stuff with treats to keep dogs busy for hours.", "Floats and bounces unpredictably for fetch."]),
        ProductKind(
            "Pet Supplies", "Cat Tree", plural: "Cat Trees", dollars: 39...219, brands: ["Frisco", "Go Pet Club", "Feandrea", "Armarkat"],
            attributes: ["height": .values(["34 inch", "48 inch", "61 inch", "72 inch"]), "color": .values(["Beige", "Gray", "Dark Gray", "Brown"])],
            features: ["Multi-Level", "Condo", "Sisal Scratching"],
            names: ["{brand} {height} {feature} Cat Tree, {color}"],
            sentences: ["Sisal-wrapped posts save your furniture.", "Perches, a condo and a hammock for naps at every level.", "A wide, heavy base keeps it steady."]),
    ]

    static let gardenAndOutdoor: [ProductKind] = [
        ProductKind(
            "Garden & Outdoor", "Garden Hose", plural: "Garden Hoses", dollars: 19...99, brands: gardenBrands,
            attributes: ["length": .values(["25 ft", "50 ft", "75 ft", "100 ft"]), "diameter": .values(["5/8 in", "3/4 in"]), "color": .values(["Green", "Black", "Blue"])],
            features: ["Expandable", "Kink-Free", "Heavy Duty", "Lightweight"],
            names: ["{brand} {feature} Garden Hose, {length} x {diameter}, {color}"],
            sentences: ["A {length} hose that stays flexible in hot and freezing weather.", "Crush-proof brass fittings won't leak.", "Drinking-water safe and lead-free."]),
        ProductKind(
            "Garden & Outdoor", "Pruning Shears", dollars: 9...59, brands: ["Fiskars", "Felco", "Corona", "Gardena", "ARS"],
            attributes: ["cut capacity": .values(["5/8 in", "3/4 in", "1 in"]), "blade": .values(["Bypass", "Anvil"])],
            features: ["Ergonomic", "Ratchet", "Professional"],
            names: ["{brand} {model} {feature} {blade} Pruning Shears", "{brand} {blade} Pruner, {cut capacity} Cut Capacity"],
            sentences: ["{blade} blades cut clean through stems up to {cut capacity}.", "A soft-grip handle reduces hand strain.", "A hardened steel blade stays sharp."]),
        ProductKind(
            "Garden & Outdoor", "Gas Grill", plural: "Gas Grills", dollars: 179...1199, brands: ["Weber", "Char-Broil", "Traeger", "Napoleon", "Nexgrill", "Blackstone"],
            attributes: ["burners": .values(["2-Burner", "3-Burner", "4-Burner", "5-Burner"]), "fuel": .values(["Propane", "Natural Gas"]), "color": .values(["Black", "Stainless Steel", "Sapphire", "Red"])],
            features: ["Liquid Propane", "Stainless Steel", "Griddle", "Cabinet"],
            names: ["{brand} {series} {model} {burners} {fuel} Gas Grill, {color}", "{brand} {series} {burners} {feature} Grill"],
            series: ["Spirit", "Genesis", "Performance", "Rogue", "Prestige"],
            sentences: ["{burners} layout with porcelain-enameled cast iron grates.", "Electronic ignition lights every time.", "Fold-down side tables and tool hooks keep everything in reach."]),
        ProductKind(
            "Garden & Outdoor", "Lawn Mower", plural: "Lawn Mowers", dollars: 149...749, brands: ["Greenworks", "EGO", "Toro", "Honda", "Sun Joe", "DEWALT", "Ryobi"],
            attributes: ["deck": .values(["16-Inch", "20-Inch", "21-Inch", "22-Inch"]), "power": .values(["40V Cordless", "56V Cordless", "Gas 163cc", "Electric Corded"])],
            features: ["Self-Propelled", "Push", "Mulching"],
            names: ["{brand} {model} {deck} {power} {feature} Lawn Mower", "{brand} {power} Lawn Mower, {deck} Deck"],
            sentences: ["A {deck} steel deck cuts a wide path in fewer passes.", "Mulch, bag or side-discharge clippings.", "{power} power starts with a push of a button."]),
        ProductKind(
            "Garden & Outdoor", "Potting Soil", dollars: 5...29, brands: ["Miracle-Gro", "Scotts", "FoxFarm", "Espoma", "Burpee"],
            attributes: ["volume": .values(["8 qt", "16 qt", "1 cu ft", "2 cu ft"])],
            features: ["Organic", "Indoor", "Moisture Control", "Cactus"],
            names: ["{brand} {feature} Potting Mix, {volume}"],
            sentences: ["Feeds plants for up to 6 months.", "Great for {plantName} and other container plants.", "Each {volume} bag fills several medium pots."]),
        ProductKind(
            "Garden & Outdoor", "Seed Packet", plural: "Seed Packets", dollars: 2...12, brands: ["Burpee", "Ferry-Morse", "Botanical Interests", "Seed Savers Exchange"],
            attributes: ["plant": .values(["Cherry Tomato", "Genovese Basil", "Lavender", "Giant Sunflower", "Zinnia Mix", "Jalapeño Pepper"]), "count": .values(["100 Seeds", "250 Seeds", "500 Seeds"])],
            features: ["Heirloom", "Organic", "Non-GMO"],
            names: ["{brand} {feature} {plant} Seeds, {count}"],
            sentences: ["{feature} {plant} seeds with planting instructions on the packet.", "Sow indoors 6 weeks before the last frost.", "Packed for the current season with high germination rates."]),
    ]
}
