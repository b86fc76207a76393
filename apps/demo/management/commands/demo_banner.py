from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.management.base import BaseCommand
from django.db import DatabaseError

from apps.demo import content, loader, people


class Command(BaseCommand):
    help = (
        "Print the demo's URLs (each agency's site, admin, API, feeds) and its logins with "
        "their password. Reads the database and changes nothing; if the demo is not loaded, "
        "or the database is not ready, it says so and exits 0. No options of its own."
    )

    def handle(self, *args, **options):
        try:
            sites = list(loader.demo_sites().select_related("root_page"))
            logins = self.logins() if sites else []
        except DatabaseError as exc:
            first_line = (str(exc).strip().splitlines() or [repr(exc)])[0]
            self.stdout.write(f"Warta: database not ready ({first_line}); run `manage.py migrate`.")
            return
        if not sites:
            self.stdout.write("Warta: the demo is not loaded; run `manage.py load_demo`.")
            return

        write = self.stdout.write
        heading = self.style.MIGRATE_HEADING
        write(heading("Warta demo"))
        width = max(len(site.site_name) for site in sites) + 2
        for site in sites:
            line = f"  {site.site_name:<{width}}{site.root_url}/"
            if site.is_default_site:
                line += f"   (also http://127.0.0.1:{site.port}/)"
            write(line)
        main = next((s for s in sites if s.is_default_site), sites[0])
        base = main.root_url
        others = [s for s in sites if s.hostname not in ("localhost", "127.0.0.1")]
        if others:
            example = others[0]
            write(
                f"  Browsers resolve *.localhost to this machine. With curl: "
                f"curl -H 'Host: {example.hostname}:{example.port}' http://127.0.0.1:{example.port}/"
            )
        write(f"  {'Admin':<{width}}{base}/admin/")
        write(f"  {'API':<{width}}{base}/api/v2/pages/?type=news.NewsPage&fields=*")
        write(f"  {'Feeds (per site)':<{width}}/feeds/rss/  /feeds/atom/  /feeds/json/")
        write("")
        if not logins:
            write("No demo login exists any more.")
            return
        write(heading(f"Demo logins (password {people.DEMO_PASSWORD!r} unless marked)"))
        columns = ("Username", "Agency", "Password", "Role")
        widths = [max(len(row[i]) for row in [columns, *logins]) for i in range(3)]
        for row in [columns, *logins]:
            cells = [cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True)]
            write("  " + "  ".join([*cells, row[3]]))

    def logins(self):
        """Rows for the demo users that still exist, marking passwords someone changed."""
        agencies = {a.key: a.settings["short_name"] for a in content.AGENCIES}
        users = {
            u.username: u
            for u in get_user_model().objects.filter(
                username__in=[p.username for p in people.PEOPLE]
            )
        }
        # One hash check per distinct hash: every demo user got the same one at load time.
        valid = {}
        rows = []
        for person in people.PEOPLE:
            user = users.get(person.username)
            if user is None:
                continue
            if user.password not in valid:
                valid[user.password] = check_password(people.DEMO_PASSWORD, user.password)
            password = people.DEMO_PASSWORD if valid[user.password] else "(changed)"
            agency = agencies.get(person.agency, "all")
            rows.append((user.username, agency, password, f"{person.job_title} - {person.role}"))
        return rows
