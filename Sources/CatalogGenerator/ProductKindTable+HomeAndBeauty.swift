/// Home & Kitchen and Beauty.
extension ProductKindTable {
    private static let kitchenBrands = [
        "KitchenAid", "Cuisinart", "Ninja", "Instant Pot", "OXO", "Lodge", "Le Creuset", "Keurig", "Breville",
        "Hamilton Beach", "Calphalon", "Zwilling", "Vitamix", "Smeg",
    ]
    private static let beautyBrands = [
        "L'Oréal Paris", "Neutrogena", "CeraVe", "Olay", "Maybelline", "Revlon", "The Ordinary", "Clinique",
        "Estée Lauder", "Dove", "Burt's Bees", "Aveeno", "La Roche-Posay", "NYX", "Cetaphil",
    ]
    private static let homeColor: ProductKind.AttributeSource = .values(CatalogVocabulary.homeColors)

    static let homeAndKitchen: [ProductKind] = [
        ProductKind(
            "Home & Kitchen", "Stand Mixer", plural: "Stand Mixers", dollars: 199...649, brands: ["KitchenAid", "Cuisinart", "Smeg", "Hamilton Beach", "Bosch"],
            attributes: ["capacity": .values(["4.5-Quart", "5-Quart", "5.5-Quart", "6-Quart", "7-Quart"]), "color": homeColor, "wattage": .values(["325W", "500W", "575W", "1000W"])],
            features: ["Tilt-Head", "Bowl-Lift", "Artisan", "Professional"],
            names: ["{brand} {capacity} {feature} Stand Mixer, {color}", "{brand} {series} {capacity} Stand Mixer {model}, {color}"],
            series: ["Artisan", "Classic", "Precise Heat", "Pro Line"],
            sentences: ["A {capacity} stainless steel bowl mixes up to nine dozen cookies in one batch.", "Ten speeds and a {wattage} motor handle bread dough and whipped cream alike.", "Includes a flat beater, dough hook and wire whip.", "Dozens of optional attachments turn it into a pasta maker or a meat grinder."]),
        ProductKind(
            "Home & Kitchen", "Coffee Maker", plural: "Coffee Makers", dollars: 29...349, brands: ["Keurig", "Breville", "Cuisinart", "Ninja", "Mr. Coffee", "De'Longhi", "Nespresso"],
            attributes: ["capacity": .values(["Single-Serve", "5-Cup", "10-Cup", "12-Cup", "14-Cup"]), "color": homeColor],
            features: ["Programmable", "Drip", "Espresso", "Pod", "Thermal Carafe", "Cold Brew"],
            names: ["{brand} {model} {capacity} {feature} Coffee Maker, {color}", "{brand} {series} {feature} Coffee Machine, {color}"],
            series: ["K-Elite", "Barista Express", "Specialty", "Vertuo", "Perfectemp"],
            sentences: ["Brews a {capacity} pot with a bold or regular strength setting.", "A programmable clock has coffee ready when you wake up.", "A permanent gold-tone filter means no paper filters to buy."]),
        ProductKind(
            "Home & Kitchen", "Air Fryer", plural: "Air Fryers", dollars: 49...249, brands: ["Ninja", "Instant Pot", "Cosori", "Philips", "Chefman", "Cuisinart"],
            attributes: ["capacity": .values(["4-Quart", "5.8-Quart", "6-Quart", "8-Quart", "10-Quart Dual Basket"]), "color": .values(["Black", "Gray", "White", "Stainless Steel"]), "wattage": .values(["1500W", "1700W", "1750W"])],
            features: ["Digital", "Dual Basket", "Max XL", "Compact", "Toaster Oven"],
            names: ["{brand} {model} {capacity} {feature} Air Fryer, {color}", "{brand} {feature} Air Fryer with Window, {capacity}"],
            sentences: ["Crispy fries and wings with up to 95% less oil than deep frying.", "A {capacity} basket feeds a family of four.", "Air fry, roast, reheat and dehydrate from one-touch presets.", "Nonstick, dishwasher-safe basket."]),
        ProductKind(
            "Home & Kitchen", "Cast Iron Skillet", plural: "Cast Iron Skillets", dollars: 19...229, brands: ["Lodge", "Le Creuset", "Staub", "Victoria", "Field Company"],
            attributes: ["size": .values(["8-Inch", "10.25-Inch", "12-Inch", "15-Inch"]), "finish": .values(["Pre-Seasoned", "Enameled"])],
            names: ["{brand} {size} {finish} Cast Iron Skillet", "{brand} {finish} Cast-Iron Frying Pan, {size}"],
            sentences: ["{finish} and ready to use, it sears, bakes, fries and braises.", "Holds heat evenly from the stovetop to the oven or campfire.", "Gets better with every use; hand wash and dry promptly."]),
        ProductKind(
            "Home & Kitchen", "Chef's Knife", plural: "Chef's Knives", dollars: 24...199, brands: ["Zwilling", "Wüsthof", "Victorinox", "Global", "Shun", "Mercer"],
            attributes: ["blade length": .values(["6-Inch", "8-Inch", "10-Inch"]), "steel": .values(["German Stainless Steel", "Japanese VG-10 Steel", "High-Carbon Steel"])],
            features: ["Classic", "Forged", "Santoku", "Damascus"],
            names: ["{brand} {series} {blade length} {feature} Chef's Knife", "{brand} {blade length} Chef Knife, {steel}"],
            series: ["Classic Ikon", "Fibrox Pro", "Pro", "Kai"],
            sentences: ["A {blade length} blade of {steel} holds a razor edge.", "A full tang and balanced handle for precise control.", "Hand wash to keep the edge sharp."]),
        ProductKind(
            "Home & Kitchen", "Bed Sheet Set", plural: "Bed Sheet Sets", dollars: 29...249, brands: ["Brooklinen", "Parachute", "Mellanni", "Boll & Branch", "Pottery Barn"],
            attributes: ["size": .values(["Twin", "Full", "Queen", "King", "California King"]), "material": .values(["Percale Cotton", "Sateen Cotton", "Linen", "Microfiber", "Bamboo Lyocell"]), "color": .values(["White", "Ivory", "Slate", "Sage", "Blush", "Navy"])],
            features: ["Deep Pocket", "Cooling", "400 Thread Count", "Wrinkle-Resistant"],
            names: ["{brand} {feature} {material} Sheet Set, {size}, {color}", "{brand} 4-Piece {material} Bed Sheets, {size}"],
            sentences: ["Breathable {material} gets softer with every wash.", "Deep pockets fit mattresses up to 16 inches.", "Includes a flat sheet, fitted sheet and two pillowcases."]),
    ]

    static let beauty: [ProductKind] = [
        ProductKind(
            "Beauty", "Moisturizer", plural: "Moisturizers", dollars: 8...89, brands: beautyBrands,
            attributes: ["skin type": .values(["Dry Skin", "Oily Skin", "Sensitive Skin", "All Skin Types"]), "size": .values(["1.7 oz", "2.5 oz", "8 oz", "16 oz"])],
            features: ["Daily", "Night", "Oil-Free", "Hydrating", "SPF 30"],
            names: ["{brand} {feature} Face Moisturizer for {skin type}, {size}", "{brand} {series} {feature} Moisturizing Cream, {size}"],
            series: ["Hydro Boost", "Regenerist", "Toleriane", "Moisture Surge", "Daily"],
            sentences: ["Hyaluronic acid and ceramides lock in moisture for 24 hours.", "A lightweight, non-greasy formula made for {skin type}.", "Fragrance-free and non-comedogenic."]),
        ProductKind(
            "Beauty", "Shampoo", plural: "Shampoos", dollars: 5...39, brands: beautyBrands + ["Pantene", "OGX", "Olaplex"],
            attributes: ["hair type": .values(["Dry Hair", "Curly Hair", "Color-Treated Hair", "Fine Hair", "All Hair Types"]), "size": .values(["12 fl oz", "16 fl oz", "25.4 fl oz", "33.8 fl oz"]), "scent": .values(["Coconut", "Argan Oil", "Tea Tree", "Unscented", "Lavender"])],
            features: ["Sulfate-Free", "Volumizing", "Repairing", "Clarifying"],
            names: ["{brand} {feature} Shampoo for {hair type}, {scent}, {size}"],
            sentences: ["Cleans gently without stripping natural oils from {hair type}.", "A {scent} scent that lingers after you rinse.", "Safe for daily use."]),
        ProductKind(
            "Beauty", "Lipstick", plural: "Lipsticks", dollars: 6...42, brands: beautyBrands + ["MAC", "Fenty Beauty"],
            attributes: ["shade": .values(["Ruby Woo", "Nude Rose", "Berry Crush", "Coral Reef", "Mauve Moment", "Classic Red", "Pink Petal"]), "finish": .values(["Matte", "Satin", "Gloss", "Cream"])],
            features: ["Long-Wear", "Liquid", "Hydrating", "Transfer-Proof"],
            names: ["{brand} {series} {feature} Lipstick, {shade}, {finish}", "{brand} {feature} {finish} Lip Color, {shade}"],
            series: ["SuperStay", "Color Riche", "Super Lustrous", "Matte Revolution"],
            sentences: ["Rich color in one swipe with a {finish} finish.", "Wears up to 16 hours without drying lips.", "Shade {shade} flatters a wide range of skin tones."]),
        ProductKind(
            "Beauty", "Vitamin C Serum", plural: "Vitamin C Serums", dollars: 9...99, brands: beautyBrands,
            attributes: ["size": .values(["1 fl oz", "1.7 fl oz"]), "concentration": .values(["10%", "15%", "20%"])],
            features: ["Brightening", "Anti-Aging", "Dark Spot"],
            names: ["{brand} {concentration} {feature} Vitamin C Serum, {size}"],
            sentences: ["{concentration} vitamin C visibly brightens and evens skin tone.", "Pair with sunscreen every morning.", "A fast-absorbing serum that layers under makeup."]),
        ProductKind(
            "Beauty", "Sunscreen", plural: "Sunscreens", dollars: 8...39, brands: beautyBrands + ["Supergoop!", "Banana Boat", "Coppertone"],
            attributes: ["spf": .values(["SPF 30", "SPF 45", "SPF 50", "SPF 70"]), "size": .values(["1.7 fl oz", "3 fl oz", "6 fl oz", "8 fl oz"])],
            features: ["Mineral", "Water-Resistant", "Sport", "Tinted", "Reef-Friendly"],
            names: ["{brand} {feature} Sunscreen Lotion, {spf}, {size}", "{brand} Broad Spectrum {spf} {feature} Sunscreen"],
            sentences: ["Broad spectrum {spf} protection against UVA and UVB rays.", "Water-resistant for 80 minutes.", "A sheer finish with no white cast."]),
        ProductKind(
            "Beauty", "Hair Dryer", plural: "Hair Dryers", dollars: 29...429, brands: ["Dyson", "Revlon", "Conair", "BaBylissPRO", "Shark", "T3"],
            attributes: ["wattage": .values(["1600W", "1800W", "1875W", "2000W"]), "color": .values(["Black", "Fuchsia", "Nickel", "White", "Rose Gold"])],
            features: ["Ionic", "Ceramic", "Travel", "Diffuser", "Supersonic"],
            names: ["{brand} {model} {wattage} {feature} Hair Dryer, {color}", "{brand} {series} {feature} Blow Dryer, {color}"],
            series: ["Supersonic", "One-Step", "InfinitiPro", "HyperAIR"],
            sentences: ["{wattage} of airflow dries hair fast with less heat damage.", "Ionic technology cuts frizz and adds shine.", "Three heat and two speed settings with a cool shot button."]),
    ]
}
