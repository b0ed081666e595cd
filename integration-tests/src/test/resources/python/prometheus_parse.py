# Reads ARGV1 (/metrics) with Prometheus' parser; prints a line per family and the values of chosen samples.
import sys, urllib.request
from prometheus_client.parser import text_string_to_metric_families
text = urllib.request.urlopen(sys.argv[1], timeout=20).read().decode('utf-8')
for f in text_string_to_metric_families(text):
    labels = sorted({k for s in f.samples for k in s.labels})
    print('family', f.name, f.type, ','.join(labels))
    for s in f.samples:
        if s.labels.get('service') == 'chargen' and s.labels.get('transport') == 'tcp':
            print('sample', s.name, s.labels.get('reason', '-'), repr(s.value))
        for v in s.labels.values():
            if v.startswith('127.') or v.startswith('::'):
                print('address-label', s.name, v)
