"""The production pair: nginx (deploy/nginx/) in front of gunicorn (gunicorn.conf.py).

`make serve` runs main(). The tests and the benchmark start gunicorn alone, or the pair, on
loopback with running_server and running_pair.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

BASE_DIR = Path(__file__).resolve().parent.parent
DEPLOY = BASE_DIR / "deploy/nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # Debian installs it in /usr/sbin


def deploy_env(static_root: Path, **extra: str) -> dict[str, str]:
    """Deploy-mode environment: DEBUG off, a fresh secret, loopback hosts only."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(static_root),
        **extra,
    }


def collect_static(static_root: Path) -> None:
    """Hashed, compressed static files, as `make serve` makes them."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=deploy_env(static_root),
        check=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], out: BinaryIO | None) -> subprocess.Popen:
    """gunicorn with the repository's config; its log to out (None: this process's output)."""
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=BASE_DIR,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT if out else None,
    )


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path


@contextmanager
def running_server(
    static_root: Path, log: Path, *, workers: int | None = None, **env: str
) -> Iterator[Server]:
    """gunicorn alone on a free loopback port; stopped on exit."""
    port = free_port()
    extra = {"BIND": f"127.0.0.1:{port}", **env}
    if workers:
        extra["WEB_CONCURRENCY"] = str(workers)
    with log.open("wb") as out:
        process = start_gunicorn(deploy_env(static_root, **extra), out)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url, process)
            yield Server(url=url, process=process, log=log)
        finally:
            stop(process)


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    """Until url/healthz answers at all (a host name not allowed yet still gets a 400)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start (exit {process.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM: gunicorn finishes its requests, nginx stops at once."""
    if process.poll() is None:
        process.terminate()
    process.wait(timeout=30)


# nginx


@dataclass(frozen=True)
class Tls:
    listen: str  # host:port
    cert: Path  # the certificate chain, PEM
    key: Path


def fill(template: str, **values: str) -> str:
    """Each {{ name }} in a deploy/nginx file replaced; an unknown name is a KeyError."""
    return re.sub(r"\{\{ (\w+) \}\}", lambda match: values[match[1]], template)


def nginx_config(*, listen: str, upstream: str, tls: Tls | None = None) -> str:
    tls_server = ""
    if tls:
        tls_server = fill(
            (DEPLOY / "tls.conf").read_text(),
            listen_tls=tls.listen,
            tls_cert=str(tls.cert),
            tls_key=str(tls.key),
        )
    return fill(
        (DEPLOY / "nginx.conf").read_text(),
        listen=listen,
        upstream=upstream,
        tls_server=tls_server,
    )


def start_nginx(config: str, run_dir: Path, out: BinaryIO) -> subprocess.Popen:
    """nginx in the foreground, its pid file and (unused) temporary folders under run_dir.
    Every line it prints passes through logs.scrub on its way to out."""
    from overdue_help.logs import scrub

    (run_dir / "tmp").mkdir(parents=True, exist_ok=True)
    conf = run_dir / "nginx.conf"
    conf.write_text(config)
    process = subprocess.Popen(
        [NGINX, "-p", f"{run_dir}/", "-c", str(conf), "-e", "stderr", "-g", "daemon off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )

    def copy() -> None:
        for line in process.stdout:
            out.write(scrub(line.decode("utf-8", "replace")).encode())
            out.flush()

    threading.Thread(target=copy, daemon=True).start()
    return process


@dataclass
class Pair:
    url: str  # nginx, plain http
    tls_url: str | None  # nginx, https
    server: Server  # gunicorn behind it
    nginx: subprocess.Popen
    log: Path  # nginx's lines, scrubbed
    run_dir: Path


@contextmanager
def running_pair(
    static_root: Path, run_dir: Path, *, tls: Tls | None = None, workers: int | None = None, **env
) -> Iterator[Pair]:
    """nginx on a free loopback port (and tls.listen) in front of gunicorn; stopped on exit."""
    listen = f"127.0.0.1:{free_port()}"
    with running_server(static_root, run_dir / "gunicorn.log", workers=workers, **env) as server:
        config = nginx_config(listen=listen, upstream=server.url.removeprefix("http://"), tls=tls)
        log = run_dir / "nginx.log"
        with log.open("wb") as out:
            nginx = start_nginx(config, run_dir, out)
            try:
                wait_until_up(f"http://{listen}", nginx)
                tls_url = f"https://{tls.listen}" if tls else None
                yield Pair(f"http://{listen}", tls_url, server, nginx, log, run_dir)
            finally:
                stop(nginx)


def main() -> int:
    """`make serve`. Settings from the environment (README, "Production"). Both servers stop
    on Ctrl-C or SIGTERM, or when either of them stops."""
    if not Path(NGINX).exists():
        print("make serve needs nginx: apt-get install nginx", file=sys.stderr)
        return 1
    env = dict(os.environ)
    listen = env.get("LISTEN") or f"127.0.0.1:{env.get('PORT', '8000')}"
    tls = None
    if env.get("TLS_CERT") or env.get("TLS_KEY"):
        cert, key = (Path(env[name]).resolve() for name in ("TLS_CERT", "TLS_KEY"))
        tls = Tls(listen=env.get("LISTEN_TLS", "127.0.0.1:8443"), cert=cert, key=key)
        env.setdefault("DJANGO_HTTPS", "1")  # HSTS, and http redirected to https
    env["BIND"] = upstream = env.get("BIND") or f"127.0.0.1:{free_port()}"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop both, through finally
    gunicorn = start_gunicorn(env, None)
    nginx = None
    try:
        wait_until_up(f"http://{upstream}", gunicorn)
        config = nginx_config(listen=listen, upstream=upstream, tls=tls)
        nginx = start_nginx(config, BASE_DIR / "build/serve", sys.stdout.buffer)
        print(
            f"Serving http://{listen}" + (f" and https://{tls.listen}" if tls else ""), flush=True
        )
        while gunicorn.poll() is None and nginx.poll() is None:
            time.sleep(0.5)
        return 1  # one of them stopped by itself
    except RuntimeError as error:  # gunicorn did not start; it has said why
        print(f"make serve: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for process in (nginx, gunicorn):
            if process:
                stop(process)


if __name__ == "__main__":
    sys.exit(main())
