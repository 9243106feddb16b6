/// Product lines that belong to one brand, so a generated name never pairs a brand with a
/// rival's line ("Microsoft iPad"). Lines not listed here are generic and fit any brand.
enum SeriesOwners {
    static let ownerBySeries: [String: String] = [
        // Clothing and shoes
        "501 Original": "Levi's", "511": "Levi's", "505 Regular": "Levi's", "Cowboy Cut": "Wrangler",
        "Nuptse": "The North Face", "Torrentshell": "Patagonia", "Watertight": "Columbia",
        "Air Zoom Pegasus": "Nike", "Gel-Kayano": "ASICS", "Fresh Foam 1080": "New Balance", "Ghost": "Brooks",
        "Clifton": "HOKA", "Ride": "Saucony", "Ultraboost": "Adidas", "Wave Rider": "Mizuno", "Glycerin": "Brooks",
        "Speedcross": "Salomon", "Novablast": "ASICS", "Air Force 1": "Nike", "Stan Smith": "Adidas",
        "Chuck Taylor All Star": "Converse", "Old Skool": "Vans", "574": "New Balance", "Samba": "Adidas",
        "Court Vision": "Nike", "Moab": "Merrell", "X Ultra": "Salomon", "Targhee": "KEEN", "Newton Ridge": "Columbia",
        "Quest": "Salomon", "Arizona": "Birkenstock", "Original Universal": "Teva", "Hurricane": "Teva", "Z/1": "Chaco",
        // Office
        "G2": "Pilot", "Energel": "Pentel", "InkJoy": "Paper Mate", "FriXion": "Pilot", "Signo": "uni-ball",
        "OfficeJet Pro": "HP", "LaserJet": "HP", "EcoTank": "Epson", "WorkForce": "Epson", "PIXMA": "Canon", "HL": "Brother",
        "Aeron": "Herman Miller", "Leap": "Steelcase",
        // Electronics
        "Galaxy Watch": "Samsung", "Forerunner": "Garmin", "Venu": "Garmin", "Versa": "Fitbit", "Sense": "Fitbit",
        "Pixel Watch": "Google", "Inspiron": "Dell", "XPS": "Dell", "IdeaPad": "Lenovo", "ThinkPad": "Lenovo", "Yoga": "Lenovo",
        "Pavilion": "HP", "Spectre": "HP", "ZenBook": "ASUS", "Vivobook": "ASUS", "Aspire": "Acer", "Swift": "Acer",
        "Predator": "Acer", "Surface Laptop": "Microsoft", "Galaxy Book": "Samsung", "iPad": "Apple", "iPad Air": "Apple",
        "Galaxy Tab S9": "Samsung", "Tab P12": "Lenovo", "Fire HD 10": "Amazon", "Surface Go": "Microsoft", "Pad": "OnePlus",
        // Grocery, pets, garden
        "Excellence": "Lindt", "Intense Dark": "Ghirardelli", "Pro Plan": "Purina", "Life Protection Formula": "Blue Buffalo",
        "Adult Perfect Weight": "Hill's", "Extreme": "KONG", "Ultra Ball": "Chuckit!", "Power Chew": "Nylabone",
        "Wishbone": "Benebone", "Spirit": "Weber", "Genesis": "Weber", "Rogue": "Napoleon", "Prestige": "Napoleon",
        // Home and beauty
        "Artisan": "KitchenAid", "Pro Line": "KitchenAid", "Precise Heat": "Hamilton Beach", "K-Elite": "Keurig",
        "Barista Express": "Breville", "Specialty": "Ninja", "Vertuo": "Nespresso", "Perfectemp": "Cuisinart",
        "Classic Ikon": "Wüsthof", "Fibrox Pro": "Victorinox", "Kai": "Shun", "Hydro Boost": "Neutrogena",
        "Regenerist": "Olay", "Toleriane": "La Roche-Posay", "Moisture Surge": "Clinique", "SuperStay": "Maybelline",
        "Color Riche": "L'Oréal", "Super Lustrous": "Revlon", "Matte Revolution": "Charlotte Tilbury",
        "Supersonic": "Dyson", "One-Step": "Revlon", "InfinitiPro": "Conair",
        // Sports
        "Align": "Lululemon", "Rambler": "YETI", "Quencher H2.0": "Stanley", "Chute": "CamelBak",
        "Trail Series": "Hydro Flask", "Sundome": "Coleman", "Half Dome": "REI Co-op", "Copper Spur": "Big Agnes",
        "Hubba Hubba": "MSR", "SelectTech": "Bowflex", "Evolution": "Wilson", "NCAA Legend": "Wilson",
        "TF-1000": "Spalding", "Talon": "Osprey", "Atmos AG": "Osprey", "Futura": "Deuter",
    ]

    /// Lines for brands that own none of a kind's lines and the kind has no generic one.
    static let genericSeries = ["Pro", "Plus", "Classic", "Essential", "Max", "Lite"]

    /// The lines `brand` may sell among `series`: its own if it has any, else the generic ones.
    static func choices(among series: [String], for brand: String) -> [String] {
        let own = series.filter { ownerBySeries[$0] == brand }
        if !own.isEmpty { return own }
        let open = series.filter { ownerBySeries[$0] == nil }
        return open.isEmpty ? genericSeries : open
    }
}
