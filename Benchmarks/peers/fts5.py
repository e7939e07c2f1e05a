#!/usr/bin/env python3
"""SQLite FTS5 peer for missive-bench: builds and queries FTS5 on the same letter files.

Standard library only (sqlite3 with FTS5). Two modes, each meant to run in a process of its own so
the caller can read its peak memory:

  fts5.py build DIR DB          index every *.txt under DIR (same walk and header rules as Missive)
  fts5.py query DB QUERIES.json [--repetitions N] [--warmup N]
  fts5.py table DIR [--repetitions N]   build into a temporary file, query, print a table

The FTS5 table is contentless (content=''), so its size is the index alone, comparable with
Missive's sections other than the stored letters. Columns: title, body, sender, recipient;
bm25 weights 1, 1, 0, 0 (only title and body are scored, as in Missive). Dates live in an
attached table for the date filters. tokenize = unicode61 remove_diacritics 2.
Each mode prints one JSON object on standard output.
"""
import json
import os
import resource
import sqlite3
import sys
import time


def letters(folder):
    """Yields (relative path, header dict, body) for every *.txt under folder, in byte order."""
    paths = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith('.')]
        for name in files:
            if name.endswith('.txt') and not name.startswith('.'):
                paths.append(os.path.join(root, name))
    paths.sort(key=lambda p: p.encode('utf-8', 'surrogateescape'))
    for path in paths:
        with open(path, 'rb') as handle:
            data = handle.read()
        if not data.strip() or b'\0' in data:
            continue
        text = data.decode('utf-8', 'replace').replace('\r\n', '\n')
        header = {}
        lines = text.split('\n')
        body_start = 0
        for number, line in enumerate(lines):
            if line.strip() == '':
                body_start = number + 1
                break
            key, colon, value = line.partition(':')
            if not colon or not key.strip() or ' ' in key.strip():
                header = {}
                body_start = 0
                break
            header[key.strip().lower()] = value.strip()
        else:
            body_start = len(lines)
        yield os.path.relpath(path, folder), header, '\n'.join(lines[body_start:]), len(data)


def build(folder, db_path):
    for suffix in ('', '-dates'):
        if os.path.exists(db_path + suffix):
            os.remove(db_path + suffix)
    started = time.perf_counter()
    connection = sqlite3.connect(db_path)
    connection.execute('PRAGMA journal_mode=OFF')
    connection.execute('PRAGMA synchronous=OFF')
    connection.execute("ATTACH DATABASE ? AS meta", (db_path + '-dates',))
    connection.execute('PRAGMA meta.journal_mode=OFF')
    connection.execute('PRAGMA meta.synchronous=OFF')
    connection.execute("CREATE VIRTUAL TABLE letters USING fts5(title, body, sender, recipient, "
                       "content='', tokenize='unicode61 remove_diacritics 2')")
    connection.execute('CREATE TABLE meta.dates(id INTEGER PRIMARY KEY, date TEXT)')
    count = 0
    total_bytes = 0
    with connection:
        for rowid, (path, header, body, size) in enumerate(letters(folder), start=1):
            title = header.get('title', os.path.splitext(os.path.basename(path))[0])
            connection.execute('INSERT INTO letters(rowid, title, body, sender, recipient) VALUES (?, ?, ?, ?, ?)',
                               (rowid, title, body, header.get('from', ''), header.get('to', '')))
            connection.execute('INSERT INTO meta.dates(id, date) VALUES (?, ?)', (rowid, header.get('date', '')))
            count += 1
            total_bytes += size
        connection.execute("INSERT INTO letters(letters) VALUES('optimize')")
    connection.close()
    seconds = time.perf_counter() - started
    return {'engine': 'fts5', 'sqlite': sqlite3.sqlite_version, 'letters': count, 'bytes': total_bytes,
            'seconds': seconds, 'index_bytes': os.path.getsize(db_path),
            'peak_rss_bytes': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}


def query(db_path, queries, repetitions, warmup):
    opens = []
    for _ in range(20):
        started = time.perf_counter_ns()
        connection = sqlite3.connect(db_path)
        connection.execute('SELECT 1 FROM letters LIMIT 0').fetchall()
        opens.append((time.perf_counter_ns() - started) / 1e3)
        connection.close()
    connection = sqlite3.connect(db_path)
    connection.execute("ATTACH DATABASE ? AS meta", (db_path + '-dates',))
    plain = ('SELECT rowid, bm25(letters, 1.0, 1.0, 0.0, 0.0) AS score FROM letters '
             'WHERE letters MATCH ? ORDER BY score LIMIT 10')
    dated = ('SELECT letters.rowid, bm25(letters, 1.0, 1.0, 0.0, 0.0) AS score FROM letters '
             'JOIN meta.dates ON meta.dates.id = letters.rowid '
             'WHERE letters MATCH ? AND meta.dates.date >= ? AND meta.dates.date < ? ORDER BY score LIMIT 10')
    latencies = {}
    errors = []
    for item in queries:
        if not item['fts5']:
            continue  # no FTS5 equivalent (fuzzy words)
        if item.get('dateFrom'):
            statement, parameters = dated, (item['fts5'], item['dateFrom'], item['dateTo'])
        else:
            statement, parameters = plain, (item['fts5'],)
        try:
            for _ in range(warmup):
                connection.execute(statement, parameters).fetchall()
            samples = latencies.setdefault(item['kind'], [])
            for _ in range(repetitions):
                started = time.perf_counter_ns()
                connection.execute(statement, parameters).fetchall()
                samples.append((time.perf_counter_ns() - started) / 1e3)
        except sqlite3.Error as error:
            errors.append(f"{item['fts5']}: {error}")
    opens.sort()
    return {'engine': 'fts5', 'open_microseconds': opens[len(opens) // 2], 'latencies_microseconds': latencies,
            'errors': errors}


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, -(-int(fraction * len(ordered) * 1000) // 1000) - 1))]


def main(argv):
    if len(argv) >= 3 and argv[0] == 'build':
        print(json.dumps(build(argv[1], argv[2])))
    elif len(argv) >= 3 and argv[0] == 'query':
        options = dict(zip(argv[3::2], argv[4::2]))
        with open(argv[2]) as handle:
            queries = json.load(handle)
        print(json.dumps(query(argv[1], queries, int(options.get('--repetitions', 20)),
                               int(options.get('--warmup', 2)))))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
