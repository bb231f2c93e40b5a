"""The private PostgreSQL cluster used when DATABASE_URL is not set.

Its data lives under var/ and it listens on a Unix socket only (no TCP port to collide
with). Starting it is idempotent: a second process (runserver's reloader, a management
command, the tests) finds it running and shares it. The server binaries come from:

- pgserver (data in var/pg): PostgreSQL 16 shipped in the pgserver wheel, which exists for
  CPython up to 3.12 only;
- the system (data in var/pg-system): Debian's `postgresql` package (`pg_config --bindir`, or
  /usr/lib/postgresql/N/bin), when pgserver cannot be imported or with CAPX_EMBEDDED_PG=system
  (CI runs the smoke set that way). bin/setup installs it when it is needed and missing.

PostgreSQL refuses to run as root, so as root the server runs as a system user that owns the
data directory: pgserver makes its own 'pgserver'; the system binaries run as 'postgres', the
user Debian's package creates.

Which one is used is said once on stderr; CAPX_DB_ANNOUNCED, set then, keeps child processes
(runserver's reloader) and later commands of bin/serve from saying it again.

It holds two databases: CapX's own (`capx`, embedded_database_url()) and the one CapX's
Let's Connect receiver keeps apart (`capx_letsconnect`, letsconnect_database_url(); the
`letsconnect` alias of the settings, see letsconnect_receiver/router.py). start() makes both.

bin/serve and bin/setup use `python -m capx.embedded_db start|stop|check` (see main()).
"""
import fcntl
import hashlib
import importlib.util
import os
import pwd
import shlex
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

DATABASE_NAME = "capx"
LETSCONNECT_DATABASE_NAME = "capx_letsconnect"  # Let's Connect's private store, kept apart
DATABASE_NAMES = (DATABASE_NAME, LETSCONNECT_DATABASE_NAME)  # start() makes each one
SUPERUSER = "postgres"  # the cluster's superuser role, whatever system user runs it
SOCKET_PATH_MAX = 100  # bytes; the kernel's limit for a socket path is 107


class EmbeddedDatabaseError(RuntimeError):
    pass


@dataclass
class Cluster:
    kind: str  # "pgserver" or "system"
    data: Path
    bindir: Path | None  # None: the system has no server binaries
    user: str | None  # the system user the server runs as; None: whoever runs us

    def label(self, base_dir: Path) -> str:
        version = _read(self.data / "PG_VERSION") or "?"
        where = self.data.relative_to(base_dir) if self.data.is_relative_to(base_dir) else self.data
        if self.kind == "pgserver":
            return f"embedded PostgreSQL {version} (pgserver) in {where}"
        return f"system PostgreSQL {version} ({self.bindir}) in {where}"


def chosen_kind() -> str:
    forced = os.environ.get("CAPX_EMBEDDED_PG", "").strip().lower()
    if forced in {"pgserver", "system"}:
        return forced
    if forced:
        raise EmbeddedDatabaseError(f"CAPX_EMBEDDED_PG must be 'pgserver' or 'system', not {forced!r}")
    return "pgserver" if importlib.util.find_spec("pgserver") else "system"


def cluster(base_dir: Path) -> Cluster:
    root = os.geteuid() == 0
    if chosen_kind() == "pgserver":
        spec = importlib.util.find_spec("pgserver")
        if spec is None:
            raise EmbeddedDatabaseError("CAPX_EMBEDDED_PG=pgserver, but pgserver is not installed")
        bindir = Path(spec.origin).parent / "pginstall" / "bin"
        return Cluster("pgserver", base_dir / "var" / "pg", bindir, "pgserver" if root else None)
    data = base_dir / "var" / "pg-system"
    return Cluster("system", data, system_bindir(_read(data / "PG_VERSION")), "postgres" if root else None)


def system_bindir(version: str | None = None) -> Path | None:
    """The system's server binaries: those pg_config names, else the newest of Debian's
    /usr/lib/postgresql/N/bin. With a version (an existing cluster's), only that major
    version will do: a server cannot open another major version's data."""
    candidates = []
    try:
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True)
        candidates.append(Path(found.stdout.strip()))
    except (OSError, subprocess.CalledProcessError):
        pass
    debian = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if p.parent.name.isdigit()]
    candidates += sorted(debian, key=lambda p: int(p.parent.name), reverse=True)
    for bindir in candidates:
        # pg_config comes with libpq-dev too, which has no server: look for the server itself.
        if (bindir / "postgres").is_file() and (bindir / "initdb").is_file():
            if version is None or _major_version(bindir) == version:
                return bindir
    return None


def _major_version(bindir: Path) -> str:
    # "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" -> "15" (16.4 -> 16, 9.6.1 -> 9.6)
    out = subprocess.run([bindir / "postgres", "--version"], capture_output=True, text=True).stdout
    number = out.split(")")[1].split()[0] if ")" in out else ""
    parts = number.split(".")
    return ".".join(parts[:2]) if parts[0] == "9" else parts[0]


def _read(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return None


def running(c: Cluster) -> bool:
    """Whether the server of postmaster.pid is alive (what pg_ctl status checks)."""
    try:
        pid = int((_read(c.data / "postmaster.pid") or "").split()[0])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError):
        return False
    except PermissionError:  # alive, another user's
        pass
    return True


def _socket_dir(c: Cluster) -> str:
    """Where the running server's socket is: line 5 of postmaster.pid."""
    lines = (_read(c.data / "postmaster.pid") or "").splitlines()
    return lines[4].strip() if len(lines) > 4 else ""


def _run(c: Cluster, program: str, *args):
    """Runs a server program as the cluster's user (PostgreSQL refuses root), from / (our
    directory may not be readable by it); its output is shown only if it fails."""
    account = pwd.getpwnam(c.user) if c.user else None
    result = subprocess.run(
        [str(c.bindir / program), *map(str, args)], cwd="/", capture_output=True, text=True,
        timeout=120, **({"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
                        if account else {}))
    if result.returncode:
        raise EmbeddedDatabaseError(
            f"{program} {' '.join(map(str, args))} failed:\n{result.stdout}{result.stderr}")


def _hand_over(path: Path, user: str | None):
    """As root: the server's user must own its data directory and be able to reach it,
    so every parent folder gets o+x (traverse only, not read)."""
    if not user:
        return
    account = pwd.getpwnam(user)
    os.chown(path, account.pw_uid, account.pw_gid)
    for parent in path.parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            parent.chmod(mode | 0o001)


def _short_socket_dir(c: Cluster) -> Path:
    """The data directory, unless its path is too long for a socket: then a folder of /tmp
    named after it, owned by the server's user, that nobody else may enter."""
    if len(str(c.data / ".s.PGSQL.5432").encode()) <= SOCKET_PATH_MAX:
        return c.data
    folder = Path("/tmp") / f"capx-pg-{hashlib.sha256(str(c.data).encode()).hexdigest()[:12]}"
    folder.mkdir(mode=0o700, exist_ok=True)
    owner = pwd.getpwnam(c.user).pw_uid if c.user else os.geteuid()
    allowed = {owner, 0} if c.user else {owner}  # as root, a folder just made is root's
    if folder.is_symlink() or folder.stat().st_uid not in allowed:
        raise EmbeddedDatabaseError(f"{folder} belongs to someone else: remove it")
    os.chown(folder, owner, -1)
    folder.chmod(0o700)
    return folder


def _ensure_system_user(user: str | None):
    if user is None:
        return
    try:
        pwd.getpwnam(user)
    except KeyError:  # system binaries installed some other way than Debian's package
        subprocess.run(["useradd", "--system", "--user-group", "--no-create-home",
                        "--shell", "/usr/sbin/nologin", user], check=True)


def _start_system(c: Cluster):
    if c.bindir is None:
        raise EmbeddedDatabaseError(
            "No PostgreSQL server binaries: pgserver has no wheel for this Python and the "
            "system has no PostgreSQL server. Run bin/setup (it installs Debian's postgresql) "
            "or set DATABASE_URL.")
    _ensure_system_user(c.user)
    if not (c.data / "PG_VERSION").exists():
        c.data.mkdir(mode=0o700, parents=True, exist_ok=True)
        _hand_over(c.data, c.user)
        # UTF-8 like Debian's cluster (bin/system-postgres): the search folds text in SQL.
        _run(c, "initdb", "-D", c.data, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
             "--locale=C.UTF-8")
    sockets = _short_socket_dir(c)
    # -h '': no TCP at all; the socket is the only way in, and only its owner (or root) gets there.
    _run(c, "pg_ctl", "-D", c.data, "-l", c.data / "log", "-w", "-t", "60",
         "-o", f"-h '' -k {shlex.quote(str(sockets))}", "start")


def _ensure_databases(host: str):
    import psycopg2

    connection = psycopg2.connect(host=host, user=SUPERUSER, dbname="postgres")
    connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname = ANY(%s)",
                           [list(DATABASE_NAMES)])
            existing = {row[0] for row in cursor.fetchall()}
            for name in DATABASE_NAMES:
                if name not in existing:
                    cursor.execute(f"CREATE DATABASE {name}")
    finally:
        connection.close()


def _system_url(host: str, name: str) -> str:
    return f"postgresql://{SUPERUSER}@/{name}?host={quote(host)}"


# The URL of each database of each cluster this process started or found running: the
# settings ask for both databases, and the cluster is looked at once.
_urls: dict[Path, dict[str, str]] = {}


def start(base_dir: Path) -> tuple[Cluster, str, bool]:
    """Starts the private cluster if it is not running, and makes its databases (CapX's and
    Let's Connect's, DATABASE_NAMES). Returns the cluster, CapX's DATABASE_URL, and whether
    this call started it."""
    c = cluster(base_dir)
    (base_dir / "var").mkdir(exist_ok=True)
    with open(base_dir / "var" / f"{c.data.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two processes starting at once: one starts, one waits
        was_running = running(c)
        if c.kind == "pgserver":
            with warnings.catch_warnings():  # platformdirs warns about XDG_RUNTIME_DIR on servers
                warnings.simplefilter("ignore")
                import pgserver
            server = pgserver.get_server(c.data, cleanup_mode=None)  # left running for the next
            names = ", ".join(f"'{name}'" for name in DATABASE_NAMES)
            existing = server.psql(f"SELECT datname FROM pg_database WHERE datname IN ({names})")
            existing_names = {line.strip() for line in existing.splitlines()}
            for name in DATABASE_NAMES:
                if name not in existing_names:
                    server.psql(f"CREATE DATABASE {name}")
            urls = {name: server.get_uri(name) for name in DATABASE_NAMES}
        else:
            if not was_running:
                _start_system(c)
            host = _socket_dir(c)
            _ensure_databases(host)
            urls = {name: _system_url(host, name) for name in DATABASE_NAMES}
        _urls[base_dir] = urls
        return c, urls[DATABASE_NAME], not was_running


def stop(base_dir: Path) -> bool:
    """Stops the private cluster (the one CAPX_EMBEDDED_PG and this Python choose) if it runs."""
    c = cluster(base_dir)
    if not running(c):
        return False
    # fast: ends the sessions still open instead of waiting for them
    _run(c, "pg_ctl", "-D", c.data, "-m", "fast", "-w", "-t", "60", "stop")
    return True


def announce(c: Cluster, base_dir: Path):
    if not os.environ.get("CAPX_DB_ANNOUNCED"):
        print(f"CapX: database: {c.label(base_dir)}", file=sys.stderr)
        os.environ["CAPX_DB_ANNOUNCED"] = "1"


def embedded_database_url(base_dir: Path) -> str:
    c, url, _started = start(base_dir)
    announce(c, base_dir)
    return url


def letsconnect_database_url(base_dir: Path) -> str:
    """The URL of Let's Connect's database in the private cluster (the settings' `letsconnect`
    alias without LETSCONNECT_DATABASE_URL or DATABASE_URL); starts the cluster if this
    process has not yet."""
    if base_dir not in _urls:
        c, _url, _started = start(base_dir)
        announce(c, base_dir)
    return _urls[base_dir][LETSCONNECT_DATABASE_NAME]


def main(argv: list[str]) -> int:
    """start: starts it, says which, prints 'started' or 'running' (bin/serve stops only a
    server it started); stop: stops it; check: exit 1 if the server binaries are missing."""
    base_dir = Path(__file__).resolve().parent.parent
    command = argv[0] if argv else ""
    try:
        if command == "start":
            c, _url, started = start(base_dir)
            announce(c, base_dir)
            print("started" if started else "running")
        elif command == "stop":
            c = cluster(base_dir)
            print(f"CapX: stopped {c.label(base_dir)}" if stop(base_dir)
                  else f"CapX: no server running in {c.data}", file=sys.stderr)
        elif command == "check":
            return 0 if cluster(base_dir).bindir else 1
        else:
            print("usage: python -m capx.embedded_db start|stop|check", file=sys.stderr)
            return 2
    except EmbeddedDatabaseError as error:
        print(f"CapX: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
