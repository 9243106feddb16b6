#!/usr/bin/env python3
"""Writes corpus/queries.tsv and corpus/judgements.tsv for the default catalog.

Each query comes with a rule, written from the shopper's side and independent of the engine,
that picks the products a good result page must show: all products of the type asked for
(by the catalog's product-type image), narrowed by name, brand or attribute where the query
says so. Only queries whose rule picks 1 to 10 products are kept, so "all of them in the top
10" is a fair demand. QueryTests/JudgedQueriesTests runs them. Re-run after regenerating the
catalog: python3 corpus/make_judgements.py
"""
import json, os, re, sys

CORPUS = os.path.dirname(os.path.abspath(__file__))
products=[json.loads(l) for l in open(CORPUS + '/catalog.jsonl')]
def kind(p): return p['image'].split('/')[-1][:-4]
def name_has(p, *words):
    n=p['name'].lower()
    return all(w in n for w in words)
Q=[]  # (kind, query, predicate)
def add(k,q,pred): Q.append((k,q,pred))
bykind=lambda k: (lambda p: kind(p)==k)
add('plain','webcam',bykind('webcam'))
add('plain','earbuds',bykind('earbuds'))
add('plain','monitor',bykind('monitor'))
add('plain','keyboard',bykind('keyboard'))
add('plain','laptop',bykind('laptop'))
add('plain','smartwatch',lambda p: kind(p)=='smartwatch' and 'smartwatch' in p['name'].lower())
add('plain','printer',bykind('printer'))
add('plain','pasta',lambda p: kind(p)=='pasta' and 'pasta' in p['name'].lower())
add('plain','tablet',bykind('tablet'))
add('plain','stapler',bykind('stapler'))
add('multi-word','wireless headphones',bykind('wireless-headphones'))
add('multi-word','bluetooth speaker',bykind('bluetooth-speaker'))
add('multi-word','ground coffee',bykind('ground-coffee'))
add('multi-word','usb-c cable',bykind('usb-c-cable'))
add('multi-word','computer monitor',bykind('monitor'))
add('multi-word','desk chair',bykind('desk-chair'))
add('multi-word','lawn mower',lambda p: kind(p)=='lawn-mower' and 'lawn mower' in p['name'].lower())
add('multi-word','garden hose',bykind('garden-hose'))
add('multi-word','dog bed',lambda p: kind(p)=='dog-bed')
add('plural','webcams',bykind('webcam'))
add('plural','laptops',bykind('laptop'))
add('plural','printers',bykind('printer'))
add('plural','keyboards',bykind('keyboard'))
add('plural','tablets',bykind('tablet'))
add('plural','smartwatches',lambda p: kind(p)=='smartwatch' and 'smartwatch' in p['name'].lower())
add('plural','staplers',bykind('stapler'))
add('singular','wireless headphone',bykind('wireless-headphones'))
add('singular','bluetooth speakers',bykind('bluetooth-speaker'))
add('singular','garden hoses',bykind('garden-hose'))
add('typo','wireles headphones',bykind('wireless-headphones'))
add('typo','webcma',bykind('webcam'))
add('typo','laptpo',bykind('laptop'))
add('typo','keybaord',bykind('keyboard'))
add('typo','smartwacth',lambda p: kind(p)=='smartwatch' and 'smartwatch' in p['name'].lower())
add('typo','printr',bykind('printer'))
add('typo','bluetoth speaker',bykind('bluetooth-speaker'))
add('typo','stapelr',bykind('stapler'))
add('typo','garden hsoe',bykind('garden-hose'))
add('typo','earbusd',bykind('earbuds'))
add('prefix','wireless headph',bykind('wireless-headphones'))
add('prefix','webc',bykind('webcam'))
add('prefix','smartwa',lambda p: kind(p)=='smartwatch' and 'smartwatch' in p['name'].lower())
add('prefix','lapt',bykind('laptop'))
add('prefix','bluetooth speak',bykind('bluetooth-speaker'))
add('prefix','usb-c cab',bykind('usb-c-cable'))
add('prefix','stapl',bykind('stapler'))
add('prefix','earbu',bykind('earbuds'))
# model numbers: pick products whose name has a code with letters+digits and hyphen
models=[]
for p in products:
    m=re.search(r'\b([A-Z]{1,4}-\d{2,5}[A-Z0-9]*)\b', p['name'])
    if m: models.append((p,m.group(1)))
seen=set()
chosen=[]
for p,code in models:
    k=kind(p)
    if k in seen: continue
    seen.add(k); chosen.append((p,code))
for p,code in chosen[:6]:
    pid=p['id']
    add('model',code,(lambda pid: lambda q: q['id']==pid)(pid))
    add('model',code.replace('-','').lower(),(lambda pid: lambda q: q['id']==pid)(pid))
    tail=code.split('-',1)[1].lower()
    if len(tail)>=4: add('model',tail,(lambda pid: lambda q: q['id']==pid)(pid))
    add('model',code.split('-')[0].lower()+' '+tail,(lambda pid: lambda q: q['id']==pid)(pid))
# brand + type
add('brand','hydro flask water bottle',lambda p: kind(p)=='water-bottle' and p['brand']=='Hydro Flask')
add('brand','victorinox chef knife',lambda p: kind(p)=='chefs-knife' and p['brand']=='Victorinox')
add('brand','weber gas grill',lambda p: kind(p)=='gas-grill' and p['brand']=='Weber')
add('brand','lego',lambda p: p['brand']=='LEGO')
add('brand','epson printer',lambda p: kind(p)=='printer' and p['brand']=='Epson')
add('attribute','black laptop',lambda p: kind(p)=='laptop' and 'black' in p['name'].lower())
add('attribute','white webcam',lambda p: kind(p)=='webcam' and 'white' in p['name'].lower())
add('attribute','green tea',lambda p: kind(p)=='tea' and 'green tea' in p['name'].lower())
add('attribute','queen bed sheets',lambda p: kind(p)=='bed-sheet-set' and 'queen' in p['name'].lower())
add('stop-words','a laptop for me',bykind('laptop'))
add('stop-words','the best of the webcams',bykind('webcam'))
add('stop-words','the webcam',bykind('webcam'))
add('case','WIRELESS Headphones',bykind('wireless-headphones'))
rows=[]
for i,(k,q,pred) in enumerate(Q,1):
    rel=[p['id'] for p in products if pred(p)]
    if not rel or len(rel)>10:
        print('SKIP', k, q, len(rel), file=sys.stderr); continue
    rows.append((f'q{i:03d}',k,q,rel))
with open(CORPUS + '/queries.tsv','w') as f:
    f.write('# query_id<TAB>query text: shopper queries over corpus/catalog.jsonl (uplyft gen --seed 42 --count 1000)\n')
    for qid,k,q,rel in rows: f.write(f'{qid}\t{q}\n')
with open(CORPUS + '/judgements.tsv','w') as f:
    f.write('# query_id<TAB>kind<TAB>product ids that must all be in the top 10 (comma separated)\n')
    for qid,k,q,rel in rows: f.write(f'{qid}\t{k}\t{",".join(rel)}\n')
print(len(rows),'queries', file=sys.stderr)
