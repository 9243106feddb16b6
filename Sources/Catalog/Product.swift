/// One product of the shop's catalog, as read from a JSON Lines line and as stored in the index.
///
/// Field meanings follow the catalog format in README ("Catalog format"): `id` and `name` are
/// required, everything else optional. `attributes` keeps key order as read so that output
/// (stored fields, generated catalogs) is deterministic.
public struct Product: Sendable, Equatable {
    public var id: String
    public var name: String
    public var brand: String
    public var category: String
    public var description: String
    /// Price in US dollars; `nil` when the catalog gave none.
    public var price: Double?
    /// Relative URL or path of the product image, as given by the catalog.
    public var image: String
    /// Attribute name to value (color, material, size, ...), in catalog order.
    public var attributes: [(name: String, value: String)]
    /// Average review rating, 0...5; `nil` when unrated.
    public var rating: Double?
    /// Units in stock; `nil` when the catalog does not track stock.
    public var stock: Int?

    /// The highest price an index can hold: it stores cents in a u32 whose largest value means
    /// "no price" (FORMAT.md, "VALUES"). A catalog line above it is refused with its line
    /// number instead of losing its price silently at indexing.
    public static let maximumPrice = 42_949_672.94
    /// The highest stock an index can hold, for the same reason (u32, largest value "none").
    public static let maximumStock = 4_294_967_294

    public init(
        id: String, name: String, brand: String = "", category: String = "",
        description: String = "", price: Double? = nil, image: String = "",
        attributes: [(name: String, value: String)] = [], rating: Double? = nil, stock: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.brand = brand
        self.category = category
        self.description = description
        self.price = price
        self.image = image
        self.attributes = attributes
        self.rating = rating
        self.stock = stock
    }

    public static func == (lhs: Product, rhs: Product) -> Bool {
        lhs.id == rhs.id && lhs.name == rhs.name && lhs.brand == rhs.brand
            && lhs.category == rhs.category && lhs.description == rhs.description
            && lhs.price == rhs.price && lhs.image == rhs.image && lhs.rating == rhs.rating
            && lhs.stock == rhs.stock
            && lhs.attributes.elementsEqual(rhs.attributes, by: { $0.name == $1.name && $0.value == $1.value })
    }

    /// The value of attribute `name` (case-sensitive), if present.
    public func attribute(_ name: String) -> String? {
        attributes.first(where: { $0.name == name })?.value
    }
}
