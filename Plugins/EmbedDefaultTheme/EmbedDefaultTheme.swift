import Foundation
import PackagePlugin

/// Embeds `<package>/themes/default` into NewsdeskCore at build time, so that an installed
/// `newsdesk` builds a site that has no `themes/` folder of its own.
///
/// The folder in the repository stays the only copy designers edit: every file and folder
/// under it is an input of the generated source, so an edited file, or a file added to or
/// removed from a folder (which changes the folder), regenerates it; the tool lists the folder
/// itself each time it runs. SwiftPM asks for this list only when it plans a build
/// (ARCHITECTURE.md says what that means after a theme file is added or deleted).
@main
struct EmbedDefaultTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let theme = context.package.directoryURL.appending(components: "themes", "default")
        let output = context.pluginWorkDirectoryURL.appending(component: "BuiltInThemeFiles.swift")
        let inputs = try entriesBelow(theme)
        return [.buildCommand(
            displayName: "Embedding themes/default",
            executable: try context.tool(named: "theme-embedder").url,
            arguments: [theme.path, output.path],
            inputFiles: inputs + [theme],
            outputFiles: [output])]
    }

    /// Every file and folder below `folder`, sorted.
    private func entriesBelow(_ folder: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var entries: [URL] = []
        for case let url as URL in walker { entries.append(url) }
        return entries.sorted { $0.path < $1.path }
    }
}
