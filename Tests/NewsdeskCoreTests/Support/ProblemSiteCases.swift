import NewsdeskCore

extension ProblemSite {
    private static let news = "content/news/2023-11-22-forum.md"
    private static let dateHint = "dates look like 2023-11-23"

    /// An item `content/news/2023-11-22-forum.md` with `frontMatter` between the fences.
    private static func forum(_ frontMatter: String, body: String = "Body.\n") -> [String: String?] {
        [news: "---\n\(frontMatter)---\n\(body)"]
    }

    static let frontMatter: [ProblemSite] = [
        ProblemSite("front matter never closed", [news: "---\ntitle: Forum\ndate: 2023-11-22\nBody.\n"],
                    Expected(path: news, line: 4, column: 1, message: "never closed", hint: "---")),
        ProblemSite("YAML syntax error", forum("title: Forum\nsummary: Forum: the results\ndate: 2023-11-22\n"),
                    Expected(path: news, line: 3, column: 15, message: "starts a new field", hint: "quoted")),
        ProblemSite("missing title", forum("date: 2023-11-22\n"),
                    Expected(path: news, line: 3, column: 1, message: "'title' is missing", hint: "title:")),
        ProblemSite("empty title", forum("title:\ndate: 2023-11-22\n"),
                    Expected(path: news, line: 2, column: 7, message: "'title' is empty")),
        ProblemSite("blank quoted title", forum("title: \"  \"\ndate: 2023-11-22\n"),
                    Expected(path: news, line: 2, column: 8, message: "'title' is empty")),
        ProblemSite("missing date", forum("title: Forum\n"),
                    Expected(path: news, line: 3, column: 1, message: "'date' is missing", hint: dateHint)),
        ProblemSite("empty date", forum("title: Forum\ndate:\n"),
                    Expected(path: news, line: 3, column: 6, message: "'date' is empty", hint: dateHint)),
        ProblemSite("impossible date", forum("title: Forum\ndate: 2023-13-45\n"),
                    Expected(path: news, line: 3, column: 7, message: "'2023-13-45' is impossible: month 13", hint: dateHint)),
        ProblemSite("tags: 5", forum("title: Forum\ndate: 2023-11-22\ntags: 5\n"),
                    Expected(path: news, line: 4, column: 7, message: "'tags' must be a list", hint: "tags: [\"5\"]")),
        ProblemSite("draft: \"maybe\"", forum("title: Forum\ndate: 2023-11-22\ndraft: \"maybe\"\n"),
                    Expected(path: news, line: 4, column: 8, message: "'draft' must be true or false", hint: "draft: true")),
        ProblemSite("front-matter image that does not exist", forum("title: Forum\ndate: 2023-11-22\nimage: missing.jpg\nimage_alt: A\n"),
                    Expected(path: news, line: 4, message: "the front-matter image 'missing.jpg' points to content/news/missing.jpg",
                             hint: "put the picture under content/")),
        ProblemSite("front-matter image with a script URL", forum("title: Forum\ndate: 2023-11-22\nimage: \" javascript:alert(1)\"\nimage_alt: A\n"),
                    Expected(path: news, line: 4, message: "is not a web address or a file of the site", hint: "https://")),
        ProblemSite("YAML aliases (billion laughs)",
                    forum("title: Forum\ndate: 2023-11-22\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                          + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"),
                    Expected(path: news, line: 5, column: 8, message: "YAML aliases such as '*a'")),
    ]

    static let files: [ProblemSite] = [
        ProblemSite("empty file", [news: ""], Expected(path: news, line: 1, message: "the file is empty")),
        ProblemSite("not UTF-8", bytes: [news: Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\ndate: 2023-11-22\n---\n".utf8)],
                    Expected(path: news, line: 2, message: "not valid UTF-8 text (bad byte 0xE9 at offset 14)", hint: "UTF-8")),
        ProblemSite("binary file named .md", bytes: [news: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]],
                    Expected(path: news, message: "binary file", hint: "rename or remove")),
    ]

    static let siteGraph: [ProblemSite] = [
        ProblemSite("duplicate slugs", forum("title: Forum\ndate: 2023-11-22\nslug: agreement\n"),
                    Expected(path: news, line: 4, message: "'news/agreement/index.html' would be written twice")),
        ProblemSite("alias colliding with a page", forum("title: Forum\ndate: 2023-11-22\naliases: [/news/agreement/]\n"),
                    Expected(path: news, line: 4, message: "'news/agreement/index.html' would be written twice")),
        ProblemSite("link to a .md file that does not exist",
                    forum("title: Forum\ndate: 2023-11-22\n", body: "See [the agreement](2023-11-23-agreemnt.md).\n"),
                    Expected(path: news, line: 5, column: 5, message: "points to content/news/2023-11-23-agreemnt.md, which does not exist")),
        ProblemSite("link to a site path that does not exist",
                    forum("title: Forum\ndate: 2023-11-22\n", body: "Older news: [archive](/archive/2019/).\n"),
                    Expected(path: news, line: 5, column: 13, message: "points to /archive/2019/, which this site does not have")),
        ProblemSite("image that does not exist",
                    forum("title: Forum\ndate: 2023-11-22\n", body: "Opening.\n\n![The forum hall](hall.jpg)\n"),
                    Expected(path: news, line: 7, column: 1, message: "the image 'hall.jpg' points to content/news/hall.jpg")),
        ProblemSite("image without alt text",
                    forum("title: Forum\ndate: 2023-11-22\n", body: "![](/images/signing.svg)\n"),
                    Expected(path: news, line: 5, column: 1, severity: .warning, message: "has no alt text", hint: "describe the picture")),
        ProblemSite("item in no section", ["content/loose.md": TestSite.item(title: "Loose")],
                    Expected(path: "content/loose.md", message: "in no section", hint: "content/news/")),
    ]

    private static let hall = "content/news/hall.jpg"
    private static let usesHall = "title: Forum\ndate: 2023-11-22\n"
    private static func bodyShowingHall(_ bytes: [UInt8]) -> [String: [UInt8]?] {
        [news: Array("---\n\(usesHall)---\nOpening.\n\n![The forum hall](hall.jpg)\n".utf8), hall: bytes]
    }

    /// Bad photos: reported at the Markdown line (or front-matter line) that shows them.
    static let images: [ProblemSite] = [
        ProblemSite("text file named .jpg", bytes: bodyShowingHall(Array("This is not a photo.\n".utf8)),
                    Expected(path: news, line: 7, column: 1, message: "the image 'hall.jpg' is not a picture Newsdesk can read",
                             hint: "save the picture as JPEG")),
        ProblemSite("truncated JPEG", bytes: bodyShowingHall(Array(((try? TestImages.jpeg(width: 64, height: 64)) ?? []).prefix(400))),
                    Expected(path: news, line: 7, column: 1, message: "the image 'hall.jpg' cannot be decoded: the file is damaged or incomplete",
                             hint: "copy the photo")),
        ProblemSite("unsupported format", bytes: bodyShowingHall(Array("P6\n2 2\n255\n".utf8) + [UInt8](repeating: 200, count: 12)),
                    Expected(path: news, line: 7, column: 1, message: ", not a photo format (JPEG, PNG")),
        ProblemSite("decompression bomb", bytes: bodyShowingHall(TestImages.decompressionBomb()),
                    Expected(path: news, line: 7, column: 1, message: "the image 'hall.jpg' is 50000 × 50000 pixels")),
        ProblemSite("front-matter image that is not a photo",
                    bytes: [news: Array("---\n\(usesHall)image: hall.jpg\nimage_alt: The hall\n---\nBody.\n".utf8),
                            hall: Array("<html>not a photo</html>".utf8)],
                    Expected(path: news, line: 4, message: "the front-matter image 'hall.jpg' is not a picture Newsdesk can read")),
    ]

    private static let templates = "themes/default/templates/"

    static let themes: [ProblemSite] = [
        ProblemSite("template syntax error",
                    [templates + "tags.mustache": "{{<base}}\n{{$content}}\n{{#tags}}\n<p>{{name}}</p>\n{{/content}}\n{{/base}}\n"],
                    Expected(path: templates + "tags.mustache", line: 5, column: 1, message: "closes the section 'tags' opened on line 3")),
        ProblemSite("missing template", [templates + "404.mustache": nil],
                    Expected(path: templates + "404.mustache", message: "has no template '404'")),
        ProblemSite("partial that does not exist",
                    [templates + "404.mustache": "{{<base}}\n{{$content}}\n<h1>Not found</h1>\n{{> partials/search-box}}\n{{/content}}\n{{/base}}\n"],
                    Expected(path: templates + "404.mustache", line: 4, column: 1, message: "the partial 'partials/search-box' does not exist")),
        ProblemSite("site.yml YAML syntax error", ["content/site.yml": "title: [Problems\n"],
                    Expected(path: "content/site.yml", line: 2, column: 1, message: "YAML syntax error")),
        ProblemSite("site.yml setting of the wrong type", ["content/site.yml": "title: Problems\npaginate: many\n"],
                    Expected(path: "content/site.yml", line: 2, column: 11, message: "'paginate' must be a whole number")),
        ProblemSite("site.yml naming a theme that does not exist", ["content/site.yml": "title: Problems\ntheme: hust\n"],
                    Expected(path: "content/site.yml", line: 2, message: "the theme 'hust' does not exist")),
    ]

    static let all = frontMatter + files + siteGraph + images + themes

    /// The cases a build must fail on.
    static let errors = all.filter { $0.expected.severity == .error }
}
