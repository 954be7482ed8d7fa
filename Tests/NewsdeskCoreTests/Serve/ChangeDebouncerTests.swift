import Testing
@testable import NewsdeskCore

@Suite("Change debouncing")
struct ChangeDebouncerTests {
    let start = ContinuousClock.now

    func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }

    @Test func aBurstOfSavesBecomesOneBatchOnceTheFolderIsQuiet() {
        var debouncer = ChangeDebouncer(quietPeriod: .milliseconds(60), longestDelay: .milliseconds(600))
        debouncer.record(["content/news/.a.md.swp"], at: at(0))
        debouncer.record(["content/news/a.md"], at: at(20))
        debouncer.record(["themes/default/static/css/style.css"], at: at(50))
        #expect(debouncer.takeIfDue(at: at(100)) == nil)
        #expect(debouncer.takeIfDue(at: at(110)) == ["content/news/.a.md.swp", "content/news/a.md", "themes/default/static/css/style.css"])
        #expect(debouncer.takeIfDue(at: at(500)) == nil)
        #expect(debouncer.deadline == nil)
    }

    @Test func aToolThatKeepsWritingStillGetsABuildAfterTheLongestDelay() {
        var debouncer = ChangeDebouncer(quietPeriod: .milliseconds(60), longestDelay: .milliseconds(600))
        for tick in stride(from: 0, through: 580, by: 40) {
            debouncer.record(["content/news/\(tick).md"], at: at(tick))
            #expect(debouncer.takeIfDue(at: at(tick)) == nil)
        }
        #expect(debouncer.deadline == at(600))
        #expect(debouncer.takeIfDue(at: at(600))?.count == 15)
    }

    @Test func nothingRecordedMeansNothingDue() {
        var debouncer = ChangeDebouncer()
        debouncer.record([String](), at: at(0))
        #expect(debouncer.deadline == nil)
        #expect(debouncer.takeIfDue(at: at(10_000)) == nil)
    }

    @Test func editorSwapFilesAndBackupsAreIgnored() {
        #expect(ChangeWatcher.isIgnored("content/news/.a.md.swp"))
        #expect(ChangeWatcher.isIgnored("content/news/a.md~"))
        #expect(ChangeWatcher.isIgnored("content/news/#a.md#"))
        #expect(ChangeWatcher.isIgnored("content/news/4913"))
        #expect(ChangeWatcher.isIgnored("content/.git/index"))
        #expect(!ChangeWatcher.isIgnored("content/news/a.md"))
        #expect(!ChangeWatcher.isIgnored("themes/default/static/css/style.css"))
    }
}
