/// Books (brand = publisher, author as an attribute) and Office Supplies.
extension ProductKindTable {
    private static let publishers = [
        "Penguin Books", "HarperCollins", "Simon & Schuster", "Vintage", "Random House", "Scholastic",
        "Macmillan", "Hachette", "Little, Brown", "Chronicle Books", "Workman", "W. W. Norton",
    ]
    private static let bookFormats: ProductKind.AttributeSource = .values(["Paperback", "Hardcover", "Mass Market Paperback", "Large Print"])
    private static let officeBrands = [
        "Sharpie", "Pilot", "BIC", "Post-it", "Scotch", "Moleskine", "Five Star", "Avery", "Swingline", "Fellowes",
        "Paper Mate", "Expo", "Staedtler",
    ]

    static let books: [ProductKind] = [
        ProductKind(
            "Books", "Novel", plural: "Novels", dollars: 9...29, brands: publishers,
            attributes: ["author": .personName, "format": bookFormats, "pages": .number(180...640, step: 4, suffix: "")],
            titles: ["The {titleAdjective} {titleNoun}", "{titleNoun} of the {titleAdjective} {titleNoun}", "The {titleNoun}'s {titleNoun}", "A {titleAdjective} {titleNoun}"],
            names: ["{title}: A Novel by {author}, {format}", "{title} by {author} ({format})"],
            sentences: [
                "{author}'s sweeping novel follows one family across three generations and two continents.",
                "A gripping story of secrets, loyalty and second chances, told in {pages} pages.",
                "Readers and critics call it the most moving book of the year.",
                "Now in {format}, with a reading group guide at the back.",
            ]),
        ProductKind(
            "Books", "Mystery Thriller", plural: "Mystery Thrillers", dollars: 9...28, brands: publishers,
            attributes: ["author": .personName, "format": bookFormats, "pages": .number(220...520, step: 4, suffix: "")],
            titles: ["The {titleNoun} Murders", "Death at the {titleNoun}", "The {titleAdjective} Witness", "Before the {titleNoun} Falls"],
            names: ["{title}: A Thriller by {author}, {format}", "{title} by {author}, {format}"],
            sentences: [
                "A detective with nothing left to lose chases a killer through a small coastal town.",
                "{author} delivers twist after twist in this {pages}-page page-turner.",
                "The first book in a bestselling mystery series.",
            ]),
        ProductKind(
            "Books", "Cookbook", plural: "Cookbooks", dollars: 14...45, brands: publishers,
            attributes: ["author": .personName, "format": .values(["Hardcover", "Paperback", "Spiral-Bound"]), "pages": .number(160...400, step: 8, suffix: "")],
            titles: ["{number} {cuisine} Recipes for Every Day", "The {cuisine} Kitchen", "Simply {cuisine}", "The Complete {cuisine} Cookbook"],
            names: ["{title} by {author}, {format}", "{title}: {number} Easy Recipes, {format}"],
            sentences: [
                "More than 100 recipes with step-by-step photos and shopping lists.",
                "{author} shares the dishes cooked at home on busy weeknights.",
                "Each recipe lists prep time, servings and nutrition facts.",
                "{pages} pages, lay-flat {format} binding that stays open on the counter.",
            ]),
        ProductKind(
            "Books", "Children's Book", plural: "Children's Books", dollars: 5...19, brands: publishers,
            attributes: ["author": .personName, "format": .values(["Board Book", "Hardcover", "Paperback"]), "ages": .values(["0-3", "3-5", "4-8", "6-9", "8-12"])],
            titles: ["The Little {animal} Who Could Not Sleep", "Goodnight, {animal}", "{animal} and the {titleAdjective} {titleNoun}", "Where Is Baby {animal}?"],
            names: ["{title} by {author}, {format}, Ages {ages}", "{title} ({format}) by {author}"],
            sentences: [
                "A warm, funny picture book about friendship and being brave.",
                "Bright illustrations on every page; perfect for bedtime read-alouds for ages {ages}.",
                "Sturdy {format} pages stand up to little hands.",
            ]),
        ProductKind(
            "Books", "Self-Help Book", plural: "Self-Help Books", dollars: 11...32, brands: publishers,
            attributes: ["author": .personName, "format": bookFormats, "pages": .number(180...360, step: 4, suffix: "")],
            titles: ["The Power of {topic}", "{number} Rules for Better {topic}", "Small {topic}, Big Life", "The {topic} Method"],
            names: ["{title} by {author}, {format}", "{title}: A Practical Guide, {format}"],
            sentences: [
                "{author} combines research and real stories into simple steps you can start today.",
                "Short chapters and exercises make change stick.",
                "An international bestseller, now in {format}.",
            ]),
        ProductKind(
            "Books", "Popular Science Book", plural: "Popular Science Books", dollars: 12...35, brands: publishers,
            attributes: ["author": .personName, "format": bookFormats, "pages": .number(240...480, step: 4, suffix: "")],
            titles: ["The Hidden Life of the {scienceTopic}", "A Short History of the {scienceTopic}", "Inside the {scienceTopic}"],
            names: ["{title} by {author}, {format}"],
            sentences: [
                "{author} explains cutting-edge research in clear, lively prose.",
                "A fascinating tour for curious readers, no science degree needed.",
                "{pages} pages with illustrations, notes and an index.",
            ]),
    ]

    static let officeSupplies: [ProductKind] = [
        ProductKind(
            "Office Supplies", "Gel Pen", plural: "Gel Pens", dollars: 5...24, brands: officeBrands,
            attributes: ["ink color": .values(["Black", "Blue", "Assorted Colors", "Red"]), "point": .values(["0.5mm Fine", "0.7mm Medium", "1.0mm Bold"]), "pack": .values(["4-Pack", "12-Pack", "24-Pack"])],
            features: ["Retractable", "Quick-Dry", "Smooth Writing"],
            names: ["{brand} {series} {feature} Gel Pens, {point} Point, {ink color} Ink, {pack}", "{brand} {feature} Gel Ink Pen, {ink color}, {pack}"],
            series: ["G2", "Energel", "InkJoy", "FriXion", "Signo"],
            sentences: [
                "Smooth gel ink writes crisp lines without skipping or smearing.",
                "A {point} point for everyday notes, journaling and forms.",
                "Comes in a {pack} so there is always a pen within reach.",
            ]),
        ProductKind(
            "Office Supplies", "Notebook", plural: "Notebooks", dollars: 4...29, brands: officeBrands,
            attributes: ["ruling": .values(["College Ruled", "Wide Ruled", "Dotted", "Grid", "Blank"]), "size": .values(["A5", "8.5 x 11 in", "5 x 8.25 in"]), "color": .values(["Black", "Navy", "Sage", "Red", "Assorted"])],
            features: ["Hardcover", "Spiral", "Softcover", "Subject"],
            names: ["{brand} {feature} Notebook, {ruling}, {size}, {color}", "{brand} Classic {feature} Notebook, {ruling}, 240 Pages"],
            sentences: [
                "Thick, acid-free paper handles fountain pens with little bleed-through.",
                "{ruling} pages at {size} suit notes, sketches and planning.",
                "An elastic closure and ribbon bookmark keep your place.",
            ]),
        ProductKind(
            "Office Supplies", "Sticky Notes", dollars: 4...22, brands: ["Post-it", "Avery", "Scotch", "Amazon Basics"],
            attributes: ["size": .values(["3 x 3 in", "3 x 5 in", "4 x 6 in", "1.5 x 2 in"]), "count": .values(["12 Pads", "18 Pads", "24 Pads"]), "color": .values(["Canary Yellow", "Bright Colors", "Pastel Colors"])],
            features: ["Super Sticky", "Lined", "Recyclable"],
            names: ["{brand} {feature} Notes, {size}, {count}, {color}"],
            sentences: ["Sticks and re-sticks to walls, monitors and doors without residue.", "{count} of 90 sheets each, in {color}."]),
        ProductKind(
            "Office Supplies", "Stapler", plural: "Staplers", dollars: 8...49, brands: ["Swingline", "Bostitch", "PaperPro", "Fellowes"],
            attributes: ["capacity": .values(["20 Sheet", "25 Sheet", "40 Sheet", "60 Sheet"]), "color": .values(["Black", "Silver", "Red", "Blue"])],
            features: ["Heavy Duty", "Jam-Free", "Electric", "Desktop"],
            names: ["{brand} {model} {feature} Stapler, {capacity} Capacity, {color}"],
            sentences: ["Staples up to {capacity}s at once with little effort.", "A metal build and jam-free track for years of daily use.", "Includes 1,000 standard staples."]),
        ProductKind(
            "Office Supplies", "Printer", plural: "Printers", dollars: 79...499, brands: ["HP", "Epson", "Brother", "Canon"],
            attributes: ["technology": .values(["Inkjet", "Laser", "Color Laser", "Supertank"]), "speed": .values(["20 ppm", "30 ppm", "36 ppm", "42 ppm"]), "connectivity": .values(["Wi-Fi", "Wi-Fi and Ethernet"])],
            features: ["All-in-One", "Wireless", "Duplex", "Compact"],
            names: ["{brand} {series} {model} {feature} {technology} Printer, {connectivity}", "{brand} {model} Wireless {technology} Printer, Print Copy Scan"],
            series: ["OfficeJet Pro", "LaserJet", "EcoTank", "WorkForce", "PIXMA", "HL"],
            sentences: ["Prints up to {speed} with automatic two-sided printing.", "Set up from your phone and print over {connectivity}.", "A 250-sheet tray means fewer refills."]),
        ProductKind(
            "Office Supplies", "Desk Chair", plural: "Desk Chairs", dollars: 89...699, brands: ["Herman Miller", "Steelcase", "Branch", "HON", "Sihoo", "Flexispot"],
            attributes: ["material": .values(["Mesh", "Bonded Leather", "Fabric"]), "color": .values(["Black", "Gray", "White", "Navy"]), "weight capacity": .values(["250 lb", "300 lb", "350 lb"])],
            features: ["Ergonomic", "High-Back", "Mid-Back", "Adjustable"],
            names: ["{brand} {series} {feature} Office Chair, {material}, {color}", "{brand} {feature} Desk Chair with Lumbar Support, {color}"],
            series: ["Aeron", "Leap", "Ergo", "Ignition", "Task"],
            sentences: ["Adjustable lumbar support, armrests and seat depth fit your body.", "Breathable {material} keeps you cool through long days.", "Supports up to {weight capacity}."]),
    ]
}
