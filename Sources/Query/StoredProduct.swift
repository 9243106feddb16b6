/// A product as shown to a shopper, read back from the index.
public struct StoredProduct: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var brand: String
    public var category: String
    public var description: String
    public var image: String
    public var attributes: [Attribute]
    /// Price in US dollars; nil when the catalog gave none.
    public var price: Double?
    public var rating: Double?
    public var stock: Int?

    public struct Attribute: Sendable, Equatable, Codable {
        public var name: String
        public var value: String
    }

    public func attribute(_ name: String) -> String? {
        attributes.first(where: { $0.name == name })?.value
    }
}
