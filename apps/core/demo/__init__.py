"""The demo data: two agencies of Pemerintah Kota Bekasi, their people and their news.

`manage.py load_demo` loads it (see `loader`), `manage.py demo_banner` prints its URLs and
logins. The data (`content`, `people`) is plain Python; pictures (`images`) and attachments
(`documents`) are generated on the spot, so nothing is downloaded.
"""
