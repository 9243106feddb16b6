/// Clothing and Shoes.
extension ProductKindTable {
    private static let clothingBrands = [
        "Levi's", "Nike", "Adidas", "Under Armour", "Columbia", "The North Face", "Patagonia", "Hanes",
        "Champion", "Carhartt", "Uniqlo", "Gap", "Ralph Lauren", "Tommy Hilfiger", "Lululemon",
    ]
    private static let shoeBrands = [
        "Nike", "Adidas", "New Balance", "ASICS", "Brooks", "Hoka", "Saucony", "Skechers", "Vans",
        "Converse", "Timberland", "Merrell", "Dr. Martens", "Clarks", "Salomon",
    ]
    private static let apparelColor: ProductKind.AttributeSource = .values(CatalogVocabulary.apparelColors)
    private static let clothingSize: ProductKind.AttributeSource = .values(CatalogVocabulary.clothingSizes)
    private static let shoeSize: ProductKind.AttributeSource = .values(CatalogVocabulary.shoeSizes)
    private static let audience: ProductKind.AttributeSource = .values(CatalogVocabulary.audiences)

    static let clothing: [ProductKind] = [
        ProductKind(
            "Clothing", "T-Shirt", plural: "T-Shirts", dollars: 9...45, brands: clothingBrands,
            attributes: ["color": apparelColor, "size": clothingSize, "gender": audience, "material": .values(["100% Cotton", "Organic Cotton", "Cotton Blend", "Tri-Blend", "Moisture-Wicking Polyester"])],
            features: ["Crew Neck", "V-Neck", "Classic Fit", "Slim Fit", "Performance", "Pocket"],
            names: ["{brand} {gender} {feature} T-Shirt, {color}, Size {size}", "{brand} {gender} {material} Tee, {feature}, {color}"],
            sentences: [
                "Soft {material} that keeps its shape wash after wash.",
                "A {feature} cut that works alone or layered under a jacket.",
                "Tagless collar for all-day comfort.",
            ]),
        ProductKind(
            "Clothing", "Hoodie", plural: "Hoodies", dollars: 24...98, brands: clothingBrands,
            attributes: ["color": apparelColor, "size": clothingSize, "gender": audience, "material": .values(["Cotton Fleece", "Cotton-Poly Blend", "French Terry", "Recycled Polyester"])],
            features: ["Pullover", "Full-Zip", "Oversized", "Heavyweight"],
            names: ["{brand} {gender} {feature} Hoodie, {color}, Size {size}", "{brand} {gender} {material} {feature} Hooded Sweatshirt, {color}"],
            sentences: ["Brushed {material} inside keeps you warm on cool mornings.", "A roomy kangaroo pocket and adjustable drawstring hood.", "Ribbed cuffs and hem hold their shape."]),
        ProductKind(
            "Clothing", "Jeans", dollars: 29...129, brands: ["Levi's", "Wrangler", "Lee", "Gap", "Madewell", "AG", "Diesel"],
            attributes: ["color": .values(["Dark Wash", "Medium Wash", "Light Wash", "Black", "Rinse"]), "size": .values(["28W x 30L", "30W x 30L", "32W x 32L", "34W x 32L", "36W x 34L", "38W x 32L"]), "gender": audience, "fit": .values(["Slim", "Straight", "Relaxed", "Skinny", "Bootcut", "Athletic Taper"])],
            names: ["{brand} {gender} {series} {fit} Fit Jeans, {color}, {size}", "{brand} {gender} {fit} Stretch Denim Jeans, {color}"],
            series: ["501 Original", "511", "505 Regular", "Cowboy Cut", "Legendary", "Premium"],
            sentences: ["{fit} fit in stretch denim that moves with you through the hip and thigh.", "Five-pocket styling and a button fly.", "Comes in {color} and fades beautifully over time."]),
        ProductKind(
            "Clothing", "Jacket", plural: "Jackets", dollars: 49...349, brands: clothingBrands,
            attributes: ["color": apparelColor, "size": clothingSize, "gender": audience, "insulation": .values(["Down", "Synthetic", "Fleece-Lined", "Uninsulated"])],
            features: ["Waterproof Rain", "Puffer", "Softshell", "Windbreaker", "Insulated Parka", "Denim"],
            names: ["{brand} {gender} {series} {feature} Jacket, {color}, Size {size}", "{brand} {gender} {feature} Jacket with Hood, {color}"],
            series: ["Nuptse", "Torrentshell", "Watertight", "Storm", "Alpine", "Trail"],
            sentences: ["{insulation} warmth without bulk, packs into its own pocket.", "Seam-sealed and waterproof to keep you dry in steady rain.", "Zippered hand pockets and an adjustable hem."]),
        ProductKind(
            "Clothing", "Dress", plural: "Dresses", dollars: 24...149, brands: ["Anthropologie", "Free People", "J.Crew", "Calvin Klein", "Gap", "Ralph Lauren", "Madewell"],
            attributes: ["color": apparelColor, "size": clothingSize, "material": .values(["Linen", "Cotton Poplin", "Jersey", "Satin", "Rayon"])],
            features: ["Midi", "Maxi", "Wrap", "Smocked", "Shirt", "Slip", "A-Line"],
            names: ["{brand} Women's {feature} Dress, {material}, {color}, Size {size}", "{brand} Women's Short-Sleeve {feature} Dress, {color}"],
            sentences: ["Lightweight {material} drapes beautifully and breathes on warm days.", "A flattering {feature} silhouette with hidden side pockets.", "Dress it up with heels or down with sneakers."]),
        ProductKind(
            "Clothing", "Socks", dollars: 8...29, brands: ["Bombas", "Darn Tough", "Smartwool", "Hanes", "Nike", "Adidas"],
            attributes: ["color": .values(["Black", "White", "Gray", "Assorted"]), "size": .values(["S", "M", "L", "XL"]), "pack": .values(["3-Pack", "6-Pack", "12-Pack"]), "material": .values(["Merino Wool", "Cotton Blend", "Performance Knit"])],
            features: ["Crew", "Ankle", "No-Show", "Cushioned Hiking", "Compression"],
            names: ["{brand} {feature} Socks, {pack}, {color}, Size {size}", "{brand} {material} {feature} Socks, {pack}"],
            sentences: ["{material} yarn wicks sweat and fights odor.", "A cushioned footbed and arch support for all-day comfort.", "Sold as a {pack}."]),
    ]

    static let shoes: [ProductKind] = [
        ProductKind(
            "Shoes", "Running Shoes", dollars: 59...199, brands: shoeBrands,
            attributes: ["color": apparelColor, "size": shoeSize, "gender": .values(["Men's", "Women's"]), "width": .values(["Medium", "Wide"])],
            features: ["Road", "Trail", "Stability", "Cushioned", "Lightweight"],
            names: ["{brand} {series} {version} Running Shoes, {gender}, Size {size}", "{brand} {gender} {series} {version} {feature} Running Shoe, {color}"],
            series: ["Air Zoom Pegasus", "Gel-Kayano", "Fresh Foam 1080", "Ghost", "Clifton", "Ride", "Ultraboost", "Wave Rider", "Glycerin", "Speedcross", "Novablast"],
            sentences: ["Responsive foam cushioning returns energy with every stride.", "An engineered mesh upper breathes and hugs your foot.", "A durable rubber outsole grips wet roads and trails.", "Available in {width} width."]),
        ProductKind(
            "Shoes", "Sneakers", dollars: 49...159, brands: shoeBrands,
            attributes: ["color": apparelColor, "size": shoeSize, "gender": audience, "material": .values(["Leather", "Canvas", "Suede", "Knit"])],
            features: ["Low-Top", "High-Top", "Slip-On", "Platform", "Retro"],
            names: ["{brand} {series} {feature} Sneakers, {color}, {gender} Size {size}", "{brand} {gender} {series} {material} Sneaker, {color}"],
            series: ["Air Force 1", "Stan Smith", "Chuck Taylor All Star", "Old Skool", "574", "Samba", "Court Vision"],
            sentences: ["A classic {feature} silhouette in {material}.", "A padded collar and cushioned insole for everyday wear.", "Goes with jeans, shorts and everything in between."]),
        ProductKind(
            "Shoes", "Hiking Boots", dollars: 79...259, brands: ["Merrell", "Salomon", "Timberland", "Columbia", "KEEN", "Vasque", "Oboz"],
            attributes: ["color": .values(["Brown", "Black", "Gray", "Olive", "Tan"]), "size": shoeSize, "gender": .values(["Men's", "Women's"]), "material": .values(["Leather", "Suede and Mesh", "Nubuck"])],
            features: ["Waterproof", "Mid", "Lightweight", "Insulated"],
            names: ["{brand} {gender} {series} {feature} Hiking Boots, {color}, Size {size}", "{brand} {gender} {series} {version} Mid Waterproof Hiking Boot"],
            series: ["Moab", "X Ultra", "Targhee", "Newton Ridge", "Sawtooth", "Quest"],
            sentences: ["A waterproof membrane keeps feet dry through streams and snow.", "{material} uppers and a protective toe cap for rocky trails.", "Vibram soles grip on wet rock and loose dirt."]),
        ProductKind(
            "Shoes", "Sandals", dollars: 19...119, brands: ["Birkenstock", "Teva", "Chaco", "Crocs", "Reef", "OluKai"],
            attributes: ["color": .values(["Black", "Tan", "Taupe", "White", "Navy"]), "size": shoeSize, "gender": audience],
            features: ["Slide", "Sport", "Flip-Flop", "Footbed"],
            names: ["{brand} {series} {feature} Sandals, {gender}, {color}, Size {size}"],
            series: ["Arizona", "Original Universal", "Classic", "Hurricane", "Z/1"],
            sentences: ["A contoured footbed supports your arch all summer.", "Quick-drying straps go from beach to street.", "Adjustable buckles dial in the fit."]),
        ProductKind(
            "Shoes", "Slippers", dollars: 15...119, brands: ["UGG", "Dearfoams", "Minnetonka", "L.L.Bean", "Crocs"],
            attributes: ["color": .values(["Chestnut", "Charcoal", "Gray", "Navy", "Cream"]), "size": shoeSize, "gender": audience],
            features: ["Moccasin", "Scuff", "Clog", "Bootie"],
            names: ["{brand} {gender} {feature} Slippers, {color}, Size {size}"],
            sentences: ["Plush faux-fur lining keeps toes warm.", "A rubber sole lets you step outside for the mail.", "Memory foam cushions every step around the house."]),
    ]
}
