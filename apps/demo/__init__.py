"""The demo: two agencies of Pemerintah Kota Bekasi, their people and their news.

`manage.py load_demo` loads it (see `loader`), `manage.py demo_banner` prints its URLs and
logins. The data (`content`, `people`) is plain Python; pictures (`images`) and attachments
(`documents`) are generated on the spot, so nothing is downloaded.

An app of its own, on top of the others: loading the demo needs every app (pages from news,
the SOPs from sop_audit, the accounts from social_sync), and no app needs the demo.
"""
