import HTTPCore

/// The shop page and its pictures, after Hummingbird's `FileMiddleware`: a path outside
/// `/api/` that names a product image (`ProductImages`) or a file of the page (`StaticFiles`)
/// is answered here; every other request goes on to the API's routes.
///
/// Every 404 outside `/api/` becomes the HTML 404 page (`StaticFiles.notFoundPage`), whoever
/// gave it: a person who follows a dead link reads a page with a way back to the shop, not
/// JSON. Paths under `/api/` keep the API's JSON errors.
struct PageFilesMiddleware: RouterMiddleware {
    let staticFiles: StaticFiles
    /// Whether the index holds a product with this id, for `/products/{id}`.
    let productExists: @Sendable (String) throws(APIError) -> Bool

    func handle(_ context: RouteContext, next: Responder) throws(APIError) -> HTTPResponse {
        let request = context.request
        if request.path.hasPrefix("/api/") { return try next(context) }
        let response: HTTPResponse
        do throws(APIError) {
            if let image = ProductImages.respond(to: request) {
                response = image
            } else if let page = try staticFiles.respond(to: request, productExists: productExists) {
                response = page
            } else {
                response = try next(context)
            }
        } catch {
            guard error.status == 404 else { throw error }
            return staticFiles.notFoundPage(request)
        }
        return response.status == 404 ? staticFiles.notFoundPage(request) : response
    }
}
