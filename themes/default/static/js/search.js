/* Newsdesk search client: no dependencies. Reads the static index that `newsdesk build` writes
 * under search/<language>/ (see Sources/NewsdeskCore/Search/SearchIndexLayout.swift) and
 * downloads only the term shards and, with HTTP range requests, the documents a query shows.
 * The tokenizer mirrors SearchTokenizer.swift: change both together. */
(function () {
  'use strict';
  var root = document.querySelector('[data-search-index]');
  if (!root || !window.fetch) return;
  var base = root.getAttribute('data-search-index');
  var form = root.querySelector('form');
  var input = root.querySelector('input[name="q"]');
  var status = root.querySelector('[data-search-status]');
  var list = root.querySelector('[data-search-results]');
  var more = root.querySelector('[data-search-more]');
  var text = function (name) { return root.getAttribute('data-text-' + name) || ''; };
  var PAGE = 10, MAX_TERM = 40;
  // The index format this script reads (SearchIndexLayout.format): a newer newsdesk writing
  // another is told apart from a broken download, for a theme copied before it changed.
  var FORMAT = 5;
  var SNIPPET = 180, CONTEXT = 50, CHECKED = 50;
  var cache = {}, manifest = null, run = 0, timer = 0, loading = false;
  // The current query, its ranked documents, how many were fetched, and those that matched but are not shown yet.
  var query = null, ranked = [], cursor = 0, found = 0, pending = [];

  function load(path, json) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (response) {
        if (!response.ok) throw new Error(path + ': ' + response.status);
        return json ? response.json() : response.text();
      });
    }
    return cache[path];
  }

  // --- Tokenizer (SearchTokenizer.swift) ---
  function normalized(cp) { return cp >= 0xFF01 && cp <= 0xFF5E ? cp - 0xFEE0 : cp; }
  function isCJK(cp) {
    return (cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x30A1 && cp <= 0x30FA) || (cp >= 0x30FC && cp <= 0x30FF) ||
      (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
  }
  var WORD = /[\p{L}\p{M}\p{N}]/u;
  function isVowel(c) { return 'aeiouy'.indexOf(c) >= 0; }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
  function stem(w) {
    if (w.length <= 3) return w;
    if (ends(w, 'sses')) w = w.slice(0, -2);
    else if (ends(w, 'ies') && w.length > 4) w = w.slice(0, -3) + 'y';
    else if (ends(w, 's') && !ends(w, 'ss') && !ends(w, 'us') && !ends(w, 'is')) w = w.slice(0, -1);
    var suffixes = ends(w, 'eed') ? [] : ['ing', 'ed'];
    if (ends(w, 'eed')) w = w.slice(0, -1);
    for (var i = 0; i < suffixes.length; i++) {
      if (!ends(w, suffixes[i])) continue;
      var s = w.slice(0, -suffixes[i].length);
      if (s.length >= 3 && s.split('').some(isVowel)) {
        w = s;
        var last = w[w.length - 1];
        if (w.length >= 2 && w[w.length - 2] === last && !isVowel(last) && 'lsz'.indexOf(last) < 0) w = w.slice(0, -1);
      }
      break;
    }
    if (w.length > 3 && w[w.length - 1] === 'e') w = w.slice(0, -1);
    return w;
  }
  function wordTerm(word) {
    var lower = word.toLowerCase();
    return /^[a-z]+$/.test(lower) ? stem(lower) : lower;
  }
  // Calls onWord(word, start, end) and onCJK(character, start, end) in order (offsets in `s`).
  function scan(s, onWord, onCJK) {
    var word = '', start = 0, i = 0;
    function endWord(at) { if (word) onWord(word, start, at); word = ''; }
    for (var ch of s) {
      var cp = normalized(ch.codePointAt(0)), c = String.fromCodePoint(cp);
      if (isCJK(cp)) { endWord(i); onCJK(c, i, i + ch.length); }
      else if (WORD.test(c)) { if (!word) start = i; word += c; }
      else endWord(i);
      i += ch.length;
    }
    endWord(i);
  }
  // The terms of `s` in order, each with its offsets: a word's index term, or one CJK character.
  function units(s) {
    var found = [];
    scan(s, function (word, start, end) { found.push({ key: wordTerm(word), start: start, end: end }); },
      function (c, start, end) { found.push({ key: c, start: start, end: end, cjk: true }); });
    return found;
  }
  // The groups of one part of a query: each must match, as a word, or a pair (or single) of CJK characters.
  function partGroups(part, groups) {
    var run = [], runEnd = -1;
    function endRun() {
      if (run.length === 1) groups.push({ terms: [run[0]], cjk: run[0] });
      for (var i = 1; i < run.length; i++) groups.push({ terms: [run[i - 1] + run[i]], cjk: run.join('') });
      run = [];
    }
    scan(part, function (word) {
      endRun();
      if (Array.from(word).length <= MAX_TERM) groups.push({ terms: [wordTerm(word)], raw: word.toLowerCase() });
    }, function (c, start, end) {
      // Characters apart (a space between them) make no pair, as SearchTokenizer makes none.
      if (start !== runEnd) endRun();
      run.push(c); runEnd = end;
    });
    endRun();
  }
  // A query as the groups that must all match and the phrases (the text between two quotes)
  // whose terms must follow each other. The last word typed, outside quotes, also matches as a prefix.
  var QUOTE = /["\u201C\u201D\u201E\u300C\u300D\u300E\u300F\uFF02]/;
  function parseQuery(q) {
    var parts = q.split(QUOTE), groups = [], phrases = [];
    parts.forEach(function (part, i) {
      partGroups(part, groups);
      var phrase = units(part);
      if (i % 2 === 1 && i < parts.length - 1 && phrase.length > 1) phrases.push(phrase);
    });
    var last = groups[groups.length - 1], tail = parts[parts.length - 1];
    if (last && last.raw && !/\s$/.test(q) && units(tail).length) {
      last.prefixes = [last.terms[0], last.raw].filter(function (p, i, all) {
        return Array.from(p).length >= manifest.key && all.indexOf(p) === i;
      });
    }
    return { groups: groups, phrases: phrases };
  }

  // --- Index (SearchIndexLayout.swift) ---
  function shardOf(term) {
    var key = Array.from(term).slice(0, manifest.key).join('');
    var bytes = new TextEncoder().encode(key), hash = 0x811C9DC5;
    for (var i = 0; i < bytes.length; i++) { hash ^= bytes[i]; hash = Math.imul(hash, 0x01000193) >>> 0; }
    return hash % manifest.shards;
  }
  // A shard line's numbers (PostingList.writeText): unsigned base64 VLQ, five bits a digit,
  // lowest first, 32 added to a digit that another follows.
  var DIGIT = new Int8Array(128);
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach(function (c, i) { DIGIT[c.charCodeAt(0)] = i; });
  function numbersOf(line, from) {
    var numbers = [], value = 0, scale = 1;
    for (var i = from; i < line.length; i++) {
      var digit = DIGIT[line.charCodeAt(i) & 127];
      value += (digit & 31) * scale;
      if (digit & 32) { scale *= 32; } else { numbers.push(value); value = 0; scale = 1; }
    }
    return numbers;
  }
  function matches(group) {
    var shards = group.terms.concat(group.prefixes || []).map(shardOf).filter(function (s, i, all) { return all.indexOf(s) === i; });
    return Promise.all(shards.map(function (shard) { return load('terms/' + shard + '.txt'); })).then(function (bodies) {
      var best = new Map(), lines = bodies.join('\n').split('\n');
      for (var l = 0; l < lines.length; l++) {
        var tab = lines[l].indexOf('\t');
        if (tab < 0) continue;
        var term = lines[l].slice(0, tab);
        var hit = group.terms.indexOf(term) >= 0 || (group.prefixes || []).some(function (p) { return term.indexOf(p) === 0; });
        if (!hit) continue;
        var numbers = numbersOf(lines[l], tab + 1), df = numbers.length / 2;
        var idf = Math.log(1 + (manifest.documents - df + 0.5) / (df + 0.5)), doc = 0;
        for (var n = 0; n < numbers.length; n += 2) {
          doc += +numbers[n];
          var score = idf * numbers[n + 1] / 100;
          if (!(best.get(doc) >= score)) best.set(doc, score);
        }
      }
      return best;
    });
  }
  function rank(perGroup) {
    var scores = perGroup[0];
    for (var g = 1; g < perGroup.length; g++) {
      var next = new Map();
      scores.forEach(function (score, doc) { if (perGroup[g].has(doc)) next.set(doc, score + perGroup[g].get(doc)); });
      scores = next;
    }
    var docs = Array.from(scores.keys());
    docs.sort(function (a, b) { return scores.get(b) - scores.get(a) || b - a; });
    return docs;
  }

  // --- Phrases and snippets (SearchFragment.swift: each document's text) ---
  // Whether two terms of `s` follow each other: CJK characters with nothing between them,
  // words with nothing but spaces or joining marks (machine-learning, machine learning).
  var BREAK = /[\n.,;:!?()\[\]{}<>"\u2014\u3001-\u3003\u3008-\u3011\uFF01-\uFF0F\uFF1A-\uFF1F]/;
  function adjacent(s, a, b) {
    var gap = s.slice(a.end, b.start);
    return a.cjk && b.cjk ? !gap : !BREAK.test(gap);
  }
  // Where the phrase's terms follow each other in `s`.
  function phraseSpans(s, phrase) {
    var text = units(s), spans = [];
    for (var i = 0; i + phrase.length <= text.length; i++) {
      var j = 0;
      while (j < phrase.length && text[i + j].key === phrase[j].key && (!j || adjacent(s, text[i + j - 1], text[i + j]))) j++;
      if (j === phrase.length) spans.push({ start: text[i].start, end: text[i + j - 1].end, key: 'phrase' + phrase.length });
    }
    return spans;
  }
  // Every match of the query in `s`, in order: phrases, words (their stems or the prefix typed), CJK runs.
  function matchSpans(s, q) {
    var words = {}, prefixes = [], spans = [];
    q.groups.forEach(function (g) {
      if (g.cjk) for (var at = s.indexOf(g.cjk); at >= 0; at = s.indexOf(g.cjk, at + g.cjk.length)) spans.push({ start: at, end: at + g.cjk.length, key: g.cjk });
      else words[g.terms[0]] = true;
      (g.prefixes || []).forEach(function (p) { prefixes.push(p); });
    });
    scan(s, function (word, start, end) {
      var term = wordTerm(word);
      var prefix = prefixes.filter(function (p) { return term.indexOf(p) === 0 || word.toLowerCase().indexOf(p) === 0; })[0];
      if (words[term] || prefix) spans.push({ start: start, end: end, key: words[term] ? term : prefix });
    }, function () {});
    q.phrases.forEach(function (phrase) { spans = spans.concat(phraseSpans(s, phrase)); });
    return spans.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
  }
  // A document matches when each phrase occurs in its title, summary or text.
  function hasPhrases(hit) {
    return query.phrases.every(function (phrase) {
      return [hit.doc.title, hit.doc.summary, hit.text].some(function (s) { return s && phraseSpans(s, phrase).length; });
    });
  }
  // The window of `s` around the most distinct matches (a phrase counts as much as all its
  // words), widened by some context and moved to spaces so that no word is cut.
  function snippetWindow(s, spans) {
    var best = null;
    spans.forEach(function (first, i) {
      var keys = {}, score = 0, last = first;
      for (var j = i; j < spans.length && spans[j].end - first.start <= SNIPPET; j++) {
        if (!keys[spans[j].key]) score += 1000 * (/^phrase/.test(spans[j].key) ? spans[j].key.slice(6) : 1);
        keys[spans[j].key] = true; score++; last = spans[j];
      }
      if (!best || score > best.score) best = { score: score, start: first.start, end: last.end };
    });
    var start = Math.max(0, best.start - Math.min(CONTEXT, Math.floor((SNIPPET - best.end + best.start) / 2)));
    var end = Math.min(s.length, Math.max(best.end, start + SNIPPET));
    var space = s.slice(start, best.start).search(/\s/);
    if (start > 0 && space >= 0) start += space + 1;
    space = s.slice(best.end, end).search(/\s\S*$/);
    if (end < s.length && space >= 0) end = best.end + space;
    return { start: start, end: end };
  }
  // `s` from `from` to `to` with its matches marked (made as DOM nodes: the text is never parsed as HTML).
  function marked(s, spans, from, to) {
    while (from < to && /\s/.test(s[from])) from++;
    while (to > from && /\s/.test(s[to - 1])) to--;
    var fragment = document.createDocumentFragment(), at = from;
    if (from > 0) fragment.appendChild(document.createTextNode('… '));
    spans.forEach(function (m) {
      if (m.start < at || m.end > to) return;
      fragment.appendChild(document.createTextNode(s.slice(at, m.start)));
      fragment.appendChild(element('mark', null, s.slice(m.start, m.end)));
      at = m.end;
    });
    fragment.appendChild(document.createTextNode(s.slice(at, to)));
    if (to < s.length) fragment.appendChild(document.createTextNode(' …'));
    return fragment;
  }
  function highlighted(s) { return marked(s, matchSpans(s, query), 0, s.length); }
  // A snippet of the document's text around its matches, else its summary.
  function snippet(hit) {
    var text = hit.text.replace(/\s+/g, ' '), spans = matchSpans(text, query);
    if (!spans.length) return hit.doc.summary ? highlighted(hit.doc.summary) : null;
    var window = snippetWindow(text, spans);
    return marked(text, spans, window.start, window.end);
  }

  // --- Results ---
  function element(tag, className, child) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (typeof child === 'string') node.textContent = child; else if (child) node.appendChild(child);
    return node;
  }
  function render(hit) {
    var doc = hit.doc, item = element('li', 'entry' + (doc.image ? ' has-image' : ''));
    var article = item.appendChild(element('article'));
    var link = element('a', null, highlighted(doc.title));
    link.href = doc.url;
    article.appendChild(element('h2', 'entry-title', link));
    var meta = article.appendChild(element('p', 'entry-meta'));
    var time = meta.appendChild(element('time', null, doc.date));
    time.setAttribute('datetime', doc.datetime);
    meta.appendChild(document.createTextNode(' · ' + doc.section));
    if (doc.image) {
      var image = element('img', 'entry-thumb');
      image.src = doc.image; image.alt = doc.alt || ''; image.loading = 'lazy';
      article.appendChild(image);
    }
    var summary = snippet(hit);
    if (summary) article.appendChild(element('p', 'entry-summary', summary));
    return item;
  }
  // --- Documents (SearchIndexLayout.swift): chunks of manifest.chunk documents, each chunk
  // starting with the byte offsets of its documents and of its end, manifest.offset
  // hexadecimal digits each. The offsets are read with one range request per chunk, each
  // document shown with another. A server that ignores ranges sends the whole chunk, and its
  // documents are read from it.
  var decoder = new TextDecoder(), chunks = {}, documents = {};
  function ranged(url, first, end) {
    return fetch(url, { headers: { Range: 'bytes=' + first + '-' + (end - 1) } }).then(function (response) {
      if (!response.ok) throw new Error(url + ': ' + response.status);
      return response.arrayBuffer().then(function (buffer) {
        var bytes = new Uint8Array(buffer);
        return response.status === 206 ? { part: bytes } : { whole: bytes, part: bytes.subarray(first, end) };
      });
    });
  }
  function chunk(n) {
    if (!chunks[n]) {
      var count = Math.min(manifest.chunk, manifest.documents - n * manifest.chunk), url = base + 'docs/' + n + '.bin';
      var digits = manifest.offset;
      chunks[n] = ranged(url, 0, (count + 1) * digits).then(function (got) {
        var header = decoder.decode(got.part), offsets = [];
        for (var i = 0; i <= count; i++) offsets.push(parseInt(header.substr(i * digits, digits), 16));
        return { url: url, offsets: offsets, whole: got.whole };
      });
    }
    return chunks[n];
  }
  // A document: what its result shows, and its text.
  function fetchHit(number) {
    if (!documents[number]) {
      documents[number] = chunk(Math.floor(number / manifest.chunk)).then(function (c) {
        var slot = number % manifest.chunk, first = c.offsets[slot], end = c.offsets[slot + 1];
        if (c.whole) return c.whole.subarray(first, end);
        return ranged(c.url, first, end).then(function (got) { return got.part; });
      }).then(function (bytes) {
        // The entry's JSON fills the first line; the text, as it is, follows.
        var lineEnd = bytes.indexOf(10);
        var doc = JSON.parse(decoder.decode(lineEnd < 0 ? bytes : bytes.subarray(0, lineEnd)));
        return { doc: doc, text: lineEnd < 0 ? '' : decoder.decode(bytes.subarray(lineEnd + 1)) };
      });
    }
    return documents[number];
  }
  // Fetches ranked documents, a page at a time in rank order, until a page of matches is
  // ready: with phrases, only the documents holding them match; after CHECKED documents
  // without a full page, what was found is shown and "more" goes on.
  function fill(id, checked) {
    if (id !== run || pending.length >= PAGE || cursor >= ranked.length || (checked >= CHECKED && pending.length)) return Promise.resolve();
    var batch = ranked.slice(cursor, cursor + PAGE);
    cursor += batch.length;
    return Promise.all(batch.map(fetchHit)).then(function (hits) {
      if (id !== run) return;
      hits.forEach(function (hit) {
        if (!query.phrases.length) pending.push(hit);
        else if (hasPhrases(hit)) { found++; pending.push(hit); }
      });
      return fill(id, checked + batch.length);
    });
  }
  function showMore(id) {
    loading = true;
    return fill(id, 0).then(function () {
      loading = false;
      if (id !== run) return;
      pending.splice(0, PAGE).forEach(function (hit) { list.appendChild(render(hit)); });
      more.hidden = !pending.length && cursor >= ranked.length;
      // Announced once results are on the page; with phrases, counted as far as checked.
      var exact = !query.phrases.length || cursor >= ranked.length, count = exact ? found : found + '+';
      var template = count === 1 ? text('one') : count ? text('many') : text('none');
      say(template.replace('{count}', count).replace('{query}', query.text));
    });
  }
  function say(message) { status.textContent = message; }
  function search(q) {
    var id = ++run;
    return load('index.json', true).then(function (m) {
      if (m.format !== FORMAT) throw new Error('search index format ' + m.format + ', this script reads ' + FORMAT + ': copy the theme\'s static/js/search.js again (newsdesk theme copy)');
      manifest = m;
      var parsed = parseQuery(q);
      if (!parsed.groups.length) { list.textContent = ''; ranked = []; more.hidden = true; say(''); return; }
      return Promise.all(parsed.groups.map(matches)).then(function (perGroup) {
        if (id !== run) return;
        query = parsed; query.text = q.trim();
        ranked = rank(perGroup); cursor = 0; pending = [];
        found = query.phrases.length ? 0 : ranked.length;
        list.textContent = '';
        return showMore(id);
      });
    }).catch(function (error) { loading = false; if (window.console) console.error(error); if (id === run) say(text('error')); });
  }
  function update(q) {
    var url = new URL(window.location.href);
    if (q.trim()) url.searchParams.set('q', q.trim()); else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    return search(q);
  }
  form.addEventListener('submit', function (event) { event.preventDefault(); clearTimeout(timer); update(input.value); });
  input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { update(input.value); }, 150); });
  more.addEventListener('click', function () { if (query && !loading) showMore(run).catch(function () { say(text('error')); }); });
  root.classList.add('search-ready');
  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) { input.value = initial; search(initial); }
})();
