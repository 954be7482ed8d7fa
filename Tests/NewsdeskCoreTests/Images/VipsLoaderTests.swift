import CVips
import CVipsLoader
import Testing

/// `CVipsLoader` declares the few libvips constants it passes by value, so that the program
/// needs neither libvips' headers to build nor libvips itself to start; here they are checked
/// against the headers of the libvips installed.
@Suite("libvips loaded on first use")
struct VipsLoaderTests {
    @Test func theDeclaredConstantsAreLibvipsOwn() {
        #expect(Int(newsdesk_vips_access_sequential) == Int(VIPS_ACCESS_SEQUENTIAL.rawValue))
        #expect(Int(newsdesk_vips_fail_on_error) == Int(VIPS_FAIL_ON_ERROR.rawValue))
        #expect(Int(newsdesk_vips_size_both) == Int(VIPS_SIZE_BOTH.rawValue))
        #expect(Int(newsdesk_vips_size_down) == Int(VIPS_SIZE_DOWN.rawValue))
        #expect(Int(newsdesk_vips_interesting_centre) == Int(VIPS_INTERESTING_CENTRE.rawValue))
        #expect(Int(newsdesk_vips_max_coord) == Int(VIPS_MAX_COORD))
        #expect(Int(newsdesk_vips_abi) == Int(VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE))
    }

    @Test func libvipsStartsAndNamesItsVersion() {
        #expect(newsdesk_vips_start() == 0)
        #expect(String(cString: newsdesk_vips_version_string()) == String(cString: vips_version_string()))
    }

    /// liborc, which libvips compiles its vector loops with, frees their code unlocked: photos
    /// resized on several threads crashed the process now and then.
    @Test func libvipsRunsNoRunTimeCompiledLoops() {
        #expect(newsdesk_vips_start() == 0)
        #expect(newsdesk_vips_vectorized() == 0)
    }
}
