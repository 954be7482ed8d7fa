import Foundation
import Testing
@testable import NewsdeskCore

/// The example site's search, in headless Chromium (Debian's `chromium` and `chromium-driver`,
/// driven by Python's `selenium`; `make test` installs them), served by nginx under the
/// sub-path it is published at: the header's box, the search page of each language, the
/// JavaScript client and the index files together.
@Suite("Search in a browser", .serialized)
struct SearchBrowserTests {
    static let script = #"""
        import sys
        from urllib.parse import quote
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.support.ui import WebDriverWait

        base, chunk_status = sys.argv[1], int(sys.argv[2])
        options = Options()
        options.binary_location = '/usr/bin/chromium'
        for argument in ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']:
            options.add_argument(argument)
        driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
        failures = []
        def check(condition, message):
            if not condition:
                failures.append(message)

        def wait_for_results(query):
            WebDriverWait(driver, 10).until(lambda d: query in d.find_element(By.CSS_SELECTOR, '[data-search-status]').text)
            links = driver.find_elements(By.CSS_SELECTOR, '[data-search-results] .entry-title a')
            return [(link.text, link.get_attribute('href')) for link in links]

        # Opens `page` (a search page) with `query` and waits until the status names `shown`.
        def search(page, query, shown):
            driver.get(base + page + '?q=' + quote(query))
            return wait_for_results(shown)

        def snippet_marks():
            return [mark.text.lower() for mark in driver.find_elements(By.CSS_SELECTOR, '[data-search-results] .entry-summary mark')]

        english_article = base + 'news/2023/cybersecurity-cooperation-agreement/'
        chinese_article = base + 'zh/news/2023/cybersecurity-cooperation-agreement/'
        try:
            # The header's box on the home page, keyboard only: type, press Enter.
            driver.get(base)
            box = driver.find_element(By.ID, 'site-search-query')
            box.send_keys('agreement')
            box.send_keys(Keys.ENTER)
            results = wait_for_results('agreement')
            check(driver.current_url.startswith(base + 'search/?q=agreement'), 'the header form opens the search page: ' + driver.current_url)
            check(results and results[0][1] == english_article, 'agreement: first result is the signing announcement: %r' % results)
            check(all('/zh/' not in url for _, url in results), 'agreement: English results only: %r' % results)
            marks = [mark.text.lower() for mark in driver.find_elements(By.CSS_SELECTOR, '[data-search-results] mark')]
            check('agreement' in marks, 'agreement is highlighted: %r' % marks)
            check('agreement' in snippet_marks(), 'and in the snippet: %r' % snippet_marks())
            # The documents came out of their chunks: by range requests (206), or whole (200)
            # from a server that ignores ranges.
            statuses = driver.execute_script("return performance.getEntriesByType('resource')"
                                             ".filter(e => e.name.includes('/docs/')).map(e => e.responseStatus)")
            check(statuses and all(s == chunk_status for s in statuses), 'chunk responses %r, expected %d' % (statuses, chunk_status))
            status = driver.find_element(By.CSS_SELECTOR, '[data-search-status]')
            check(status.get_attribute('aria-live') == 'polite', 'results are announced')

            # Chinese, on the Chinese search page.
            driver.get(base + 'zh/search/?q=' + '网络安全')
            results = wait_for_results('网络安全')
            check(results and results[0][1] == chinese_article, '网络安全: first result is the Chinese announcement: %r' % results)
            check(all(url.startswith(base + 'zh/') for _, url in results), '网络安全: Chinese results only: %r' % results)

            # Quoted words match only next to each other, in that order.
            results = search('search/', '"joint laboratory"', 'joint laboratory')
            check([url for _, url in results] == [english_article], '"joint laboratory": only the announcement: %r' % results)
            check('joint laboratory' in snippet_marks(), 'the phrase is highlighted in the snippet: %r' % snippet_marks())
            results = search('search/', 'laboratory joint', 'laboratory joint')
            check(english_article in [url for _, url in results], 'laboratory joint, unquoted, finds the words apart: %r' % results)
            results = search('search/', '"laboratory joint" cybersecurity', 'laboratory joint')
            check(results == [], '"laboratory joint": the words are never in that order: %r' % results)
            results = search('zh/search/', '“网络安全” 合作', '网络安全')
            check(results and results[0][1] == chinese_article, '“网络安全” 合作: the Chinese announcement first: %r' % results)
            check('网络安全' in snippet_marks(), 'the Chinese phrase is highlighted: %r' % snippet_marks())
            results = search('zh/search/', '网络 实验室', '网络 实验室')
            check(chinese_article in [url for _, url in results], '网络 实验室, unquoted, finds the words apart: %r' % results)
            results = search('zh/search/', '"网络 实验室"', '网络 实验室')
            check(results == [], '"网络 实验室": never next to each other: %r' % results)

            # The snippet is cut from the text around the words found, stems highlighted.
            driver.get(base + 'search/?q=enrolments')
            results = wait_for_results('enrolments')
            snippet = driver.find_element(By.CSS_SELECTOR, '[data-search-results] .entry-summary').text
            check('enrolment' in snippet_marks() and '60 students' in snippet, 'enrolments: a snippet around enrolment: %r' % snippet)
            check(snippet.startswith('…'), 'the snippet starts inside the text: %r' % snippet)

            # Mixed queries, and a word as it is being typed.
            driver.get(base + 'search/')
            box = driver.find_element(By.ID, 'search-query')
            box.send_keys('VSIP 2023')
            results = wait_for_results('VSIP 2023')
            check(any('vsip' in url for _, url in results), 'VSIP 2023 finds the conference: %r' % results)
            box.clear()
            box.send_keys('cybersec')
            results = wait_for_results('cybersec')
            check(english_article in [url for _, url in results], 'a prefix matches as you type: %r' % results)

            # A draft's words find nothing.
            driver.get(base + 'search/?q=vacation')
            results = wait_for_results('vacation')
            check(results == [], 'the draft is not found: %r' % results)

            # A result opens its article.
            driver.get(base + 'search/?q=agreement')
            wait_for_results('agreement')
            first = driver.find_element(By.CSS_SELECTOR, '[data-search-results] .entry-title a')
            title = first.text
            first.click()
            WebDriverWait(driver, 10).until(lambda d: d.current_url == english_article)
            heading = driver.find_element(By.TAG_NAME, 'h1').text
            check(heading == title, 'the result opens its article: %r vs %r' % (heading, title))
        finally:
            driver.quit()
        print('\n'.join(failures))
        sys.exit(1 if failures else 0)
        """#

    @Test func searchingFindsArticlesInTheirLanguageAndOpensThem() async throws {
        try Self.search(ranges: true, chunkStatus: 206)
    }

    /// A host that ignores range requests sends whole chunks; the client reads the documents
    /// out of them, and search works the same.
    @Test func aHostWithoutRangeRequestsServesTheSameSearch() async throws {
        try Self.search(ranges: false, chunkStatus: 200)
    }

    private static func search(ranges: Bool, chunkStatus: Int) throws {
        let work = try TemporaryDirectory()
        let (server, base, build) = try NginxServer.servingExampleSite(in: work, ranges: ranges)
        defer { withExtendedLifetime(server) {} }
        #expect(build.status == 0, "\(build.standardError)")
        let (status, text) = try ExternalTool.run(["python3", "-c", Self.script, base, String(chunkStatus)])
        #expect(status == 0, "\(text)")
    }
}
