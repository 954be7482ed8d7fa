import Foundation
import PackagePlugin

/// Embeds `<package>/themes/default` into NewsdeskCore at build time, so that an installed
/// `newsdesk` builds a site that has no `themes/` folder of its own.
///
/// The folder in the repository stays the only copy designers edit: every file under it is an
/// input of the generated source, so an edited, added or removed file regenerates it (the
/// plugin runs, and lists the folder again, on every build).
@main
struct EmbedDefaultTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let theme = context.package.directoryURL.appending(components: "themes", "default")
        let output = context.pluginWorkDirectoryURL.appending(component: "BuiltInThemeFiles.swift")
        let inputs = try filesBelow(theme)
        return [.buildCommand(
            displayName: "Embedding themes/default (\(inputs.count) files)",
            executable: try context.tool(named: "theme-embedder").url,
            arguments: [theme.path, output.path],
            inputFiles: inputs + [theme],
            outputFiles: [output])]
    }

    private func filesBelow(_ folder: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}
