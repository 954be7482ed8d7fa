import CSystemCalls
import Foundation

/// Puts a finished staging folder in the output folder's place in one step
/// (`RENAME_EXCHANGE`), then keeps the previous site as the next build's staging folder
/// (`RecycledStaging`) or removes it. Only `StagedOutputWriter.commit` uses
/// it, once every file is in staging.
///
/// Invariant: until the exchange, the output folder is untouched (a refusal throws and leaves
/// it as it was); after it, the new site is in place whatever happens, so a failure to remove
/// the previous one is reported, not thrown.
struct OutputSwap: Sendable {
    let outputPath: String
    let stagingPath: String
    /// Where the previous site is kept for the next build's staging folder (`RecycledStaging`)
    /// instead of being removed; nil to remove it.
    let sparePath: String?

    /// - Parameters:
    ///   - survey: the previous output's survey, asked for only when there is a previous output;
    ///     nil when it cannot be read.
    ///   - beforeSwap: called with the staging folder's path just before it becomes the output.
    /// - Returns: why the previous site, swapped out, could not be removed; nil when it was.
    func perform(survey: () async -> OutputFolderContents.Survey?,
                 beforeSwap: (String) async -> Void) async throws -> OutputWriteError? {
        let manager = FileManager.default
        if !manager.fileExists(atPath: outputPath) {
            await beforeSwap(stagingPath)
            try manager.moveItem(atPath: stagingPath, toPath: outputPath)
            return nil
        }
        try refuseUnreplaceable(await survey())
        // Keep a kept-by-git placeholder such as output/.gitkeep across builds.
        // A recycled staging folder may hold an older one, or one the output no longer has.
        for keep in [".gitkeep", ".gitignore"] {
            _ = unlink(stagingPath + "/" + keep)
            if manager.fileExists(atPath: outputPath + "/" + keep) { _ = link(outputPath + "/" + keep, stagingPath + "/" + keep) }
        }
        await beforeSwap(stagingPath)
        if newsdesk_exchange_paths(stagingPath, outputPath) == 0 {
            // The staging path now holds the previous site.
            return await setAside(stagingPath)
        }
        // File systems without RENAME_EXCHANGE: two renames, with the old site kept until the end.
        let previous = stagingPath + ".previous"
        if manager.fileExists(atPath: previous) { try manager.removeItem(atPath: previous) }
        try manager.moveItem(atPath: outputPath, toPath: previous)
        do {
            try manager.moveItem(atPath: stagingPath, toPath: outputPath)
        } catch {
            try? manager.moveItem(atPath: previous, toPath: outputPath)
            throw error
        }
        return await setAside(previous)
    }

    /// Keeps the previous site as the spare, or removes it when it cannot be moved there (a
    /// spare already there, another file system): the next build then stages from scratch.
    private func setAside(_ previous: String) async -> OutputWriteError? {
        if let sparePath {
            let folder = (sparePath as NSString).deletingLastPathComponent
            if mkdir(folder, 0o755) == 0 || errno == EEXIST, rename(previous, sparePath) == 0 { return nil }
        }
        return await removePrevious(at: previous)
    }

    /// A previous site the swap could not remove afterwards is refused before it: an unreadable
    /// one, or one holding a read-only folder.
    private func refuseUnreplaceable(_ survey: OutputFolderContents.Survey?) throws {
        guard let survey else {
            throw OutputWriteError(path: outputPath, reason: "the previous site cannot be read, so the new site cannot replace it; "
                                   + "make it readable and writable (chmod -R u+rwX \(outputPath)) and build again")
        }
        if let folder = survey.unremovableFolder {
            let path = folder.isEmpty ? outputPath : outputPath + "/" + folder
            throw OutputWriteError(path: path, reason: "this folder of the previous site is read-only, so the new site cannot replace it; "
                                   + "make it writable (chmod -R u+w \(outputPath)) and build again")
        }
    }

    private func removePrevious(at path: String) async -> OutputWriteError? {
        do {
            try await OutputFolderContents.removeTree(path)
            return nil
        } catch {
            return OutputWriteError(path: path, reason: OutputWriteError.reason(error))
        }
    }
}
