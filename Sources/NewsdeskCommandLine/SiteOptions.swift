import ArgumentParser
import Foundation

/// Options shared by the commands that read a site.
public struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder, holding content/ and themes/.")
    public var site: String = "."

    public init() {}

    public var siteURL: URL { URL(fileURLWithPath: site, isDirectory: true) }
}

/// Exit statuses CI can rely on.
public enum ExitStatus {
    public static let contentErrors: Int32 = 1
    public static let usageErrors: Int32 = 2
}
