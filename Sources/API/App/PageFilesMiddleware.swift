import HTTPCore

/// The shop page and its pictures, after Hummingbird's `FileMiddleware`: a path outside
/// `/api/` that names a product image (`ProductImages`) or a file of the page (`StaticFiles`)
/// is answered here; every other request goes on to the API's routes.
struct PageFilesMiddleware: RouterMiddleware {
    let staticFiles: StaticFiles

    func handle(_ context: RouteContext, next: Responder) throws(APIError) -> HTTPResponse {
        let request = context.request
        if !request.path.hasPrefix("/api/"), let page = ProductImages.respond(to: request) ?? staticFiles.respond(to: request) {
            return page
        }
        return try next(context)
    }
}
