"""Times the service's LRS paging through a program's statements as the dashboard does
(activity + related_activities, ascending, limit 500, following `more`), one request after
another, and prints the median, mean and 90th percentile of a page.

Usage: python3 scripts/bench-pages.py ORIGIN KEY SECRET [PAGES] [FORMAT]
  (scripts/bench-pages.sh starts the demo on a seeded data folder and runs this)
"""
import base64
import json
import sys
import time
import urllib.parse
import urllib.request

PROGRAM = 'https://throughline.example/programs/coaching-for-performance'


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    origin, key, secret = sys.argv[1:4]
    pages = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    fmt = sys.argv[5] if len(sys.argv) > 5 else 'ids'
    auth = 'Basic ' + base64.b64encode(f'{key}:{secret}'.encode()).decode()
    query = {'activity': PROGRAM, 'related_activities': 'true', 'format': fmt, 'limit': 500, 'ascending': 'true'}
    url = f'{origin}/xapi/statements?{urllib.parse.urlencode(query)}'
    times, statements, size = [], 0, 0
    for _ in range(pages):
        request = urllib.request.Request(url, headers={'Authorization': auth, 'X-Experience-API-Version': '1.0.3'})
        started = time.perf_counter()
        with urllib.request.urlopen(request) as answer:
            body = answer.read()
        times.append(time.perf_counter() - started)
        page = json.loads(body)
        statements += len(page['statements'])
        size += len(body)
        if not page.get('more'):
            break
        url = origin + page['more']
    times.sort()
    ms = lambda s: f'{s * 1e3:.1f} ms'
    print(f'{len(times)} pages of format={fmt}, {statements} statements, {size / len(times) / 1e3:.0f} kB a page: '
          f'median {ms(times[len(times) // 2])}, mean {ms(sum(times) / len(times))}, p90 {ms(times[int(len(times) * 0.9)])}')


main()
