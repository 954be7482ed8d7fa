/* Newsdesk search client: no dependencies. Reads the static index that `newsdesk build` writes
 * under search/<language>/ (see Sources/NewsdeskCore/Search/SearchIndexLayout.swift) and
 * downloads only the term shards and result chunks a query needs. The tokenizer mirrors
 * SearchTokenizer.swift: change both together. */
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
  var cache = {}, manifest = null, run = 0, timer = 0, ranked = [], shown = 0, currentGroups = [];

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
  // A query as groups that must all match: a word, or a pair (or single) of CJK characters.
  function queryGroups(q) {
    var groups = [], run = [];
    function endRun() {
      if (run.length === 1) groups.push({ terms: [run[0]], cjk: run[0] });
      for (var i = 1; i < run.length; i++) groups.push({ terms: [run[i - 1] + run[i]], cjk: run.join('') });
      run = [];
    }
    scan(q, function (word) {
      endRun();
      var term = wordTerm(word);
      if (Array.from(word).length <= MAX_TERM) groups.push({ terms: [term], raw: word.toLowerCase() });
    }, function (c) { run.push(c); });
    endRun();
    var last = groups[groups.length - 1];
    if (last && last.raw && !/\s$/.test(q)) {
      last.prefixes = [last.terms[0], last.raw].filter(function (p, i, all) {
        return Array.from(p).length >= manifest.key && all.indexOf(p) === i;
      });
    }
    return groups;
  }

  // --- Index (SearchIndexLayout.swift) ---
  function shardOf(term) {
    var key = Array.from(term).slice(0, manifest.key).join('');
    var bytes = new TextEncoder().encode(key), hash = 0x811C9DC5;
    for (var i = 0; i < bytes.length; i++) { hash ^= bytes[i]; hash = Math.imul(hash, 0x01000193) >>> 0; }
    return hash % manifest.shards;
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
        var numbers = lines[l].slice(tab + 1).split(','), df = numbers.length / 2;
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

  // --- Results ---
  function highlighted(s, groups) {
    var words = {}, prefixes = [], cjk = [], marks = [];
    groups.forEach(function (g) {
      if (g.cjk) cjk.push(g.cjk); else words[g.terms[0]] = true;
      (g.prefixes || []).forEach(function (p) { prefixes.push(p); });
    });
    scan(s, function (word, start, end) {
      var term = wordTerm(word);
      if (words[term] || prefixes.some(function (p) { return term.indexOf(p) === 0 || word.toLowerCase().indexOf(p) === 0; })) marks.push([start, end]);
    }, function () {});
    cjk.forEach(function (q) { for (var at = s.indexOf(q); at >= 0; at = s.indexOf(q, at + q.length)) marks.push([at, at + q.length]); });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var fragment = document.createDocumentFragment(), at = 0;
    marks.forEach(function (m) {
      if (m[0] < at) return;
      fragment.appendChild(document.createTextNode(s.slice(at, m[0])));
      var mark = document.createElement('mark');
      mark.textContent = s.slice(m[0], m[1]);
      fragment.appendChild(mark);
      at = m[1];
    });
    fragment.appendChild(document.createTextNode(s.slice(at)));
    return fragment;
  }
  function element(tag, className, child) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (typeof child === 'string') node.textContent = child; else if (child) node.appendChild(child);
    return node;
  }
  function render(doc, groups) {
    var item = element('li', 'entry' + (doc.image ? ' has-image' : ''));
    var article = item.appendChild(element('article'));
    var link = element('a', null, highlighted(doc.title, groups));
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
    if (doc.summary) article.appendChild(element('p', 'entry-summary', highlighted(doc.summary, groups)));
    return item;
  }
  function showMore(id) {
    var page = ranked.slice(shown, shown + PAGE);
    shown += page.length;
    more.hidden = shown >= ranked.length;
    return Promise.all(page.map(function (doc) {
      return load('docs/' + Math.floor(doc / manifest.chunk) + '.json', true).then(function (chunk) { return chunk[doc % manifest.chunk]; });
    })).then(function (docs) {
      if (id !== run) return;
      docs.forEach(function (doc) { list.appendChild(render(doc, currentGroups)); });
    });
  }
  function say(message) { status.textContent = message; }
  function search(q) {
    var id = ++run;
    return load('index.json', true).then(function (m) {
      manifest = m;
      var groups = queryGroups(q);
      if (!groups.length) { list.textContent = ''; ranked = []; more.hidden = true; say(''); return; }
      return Promise.all(groups.map(matches)).then(function (perGroup) {
        if (id !== run) return;
        ranked = rank(perGroup); shown = 0; currentGroups = groups;
        list.textContent = '';
        // Announced once the first results are on the page.
        return showMore(id).then(function () {
          if (id !== run) return;
          var template = ranked.length === 1 ? text('one') : ranked.length ? text('many') : text('none');
          say(template.replace('{count}', ranked.length).replace('{query}', q.trim()));
        });
      });
    }).catch(function () { if (id === run) say(text('error')); });
  }
  function update(q) {
    var url = new URL(window.location.href);
    if (q.trim()) url.searchParams.set('q', q.trim()); else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    return search(q);
  }
  form.addEventListener('submit', function (event) { event.preventDefault(); clearTimeout(timer); update(input.value); });
  input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { update(input.value); }, 150); });
  more.addEventListener('click', function () { showMore(run); });
  root.classList.add('search-ready');
  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) { input.value = initial; search(initial); }
})();
