#!/usr/bin/env python3
"""Screenshots of a running GANBoard for the docs, through chromedriver's WebDriver HTTP API (standard library only).

    scripts/screenshot.py URL_PATH OUT.png [--base http://localhost:8080] [--home ~/.ganboard] [--wait-for CSS]

Logs in as admin with the password in $GANBOARD_HOME/initial-admin-password, opens URL_PATH (e.g.
"projects/mixtures-ring8/leaderboard"), waits until the CSS selector is present (default: body), lets Vaadin finish
rendering, and saves a full-window PNG.
"""
import argparse
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C WebDriver element key
HEADLESS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1500"]


def call(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read() or b"{}").get("value")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find(session, css, timeout=90):
    deadline = time.time() + timeout
    while True:
        try:
            found = call("POST", session + "/element", {"using": "css selector", "value": css})
            if isinstance(found, dict) and ELEMENT in found:
                return found[ELEMENT]
            raise LookupError(found)
        except (urllib.error.HTTPError, LookupError):
            if time.time() > deadline:
                sys.exit(f"screenshot: no element matches {css!r} after {timeout} s")
            time.sleep(0.5)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("path")
    p.add_argument("out")
    p.add_argument("--base", default=f"http://localhost:{os.environ.get('GANBOARD_PORT', '8080')}/")
    p.add_argument("--home", default=os.environ.get("GANBOARD_HOME", os.path.expanduser("~/.ganboard")))
    p.add_argument("--wait-for", default="body")
    p.add_argument("--settle", type=float, default=3.0, help="seconds to let the page finish rendering")
    a = p.parse_args()
    password = open(os.path.join(a.home, "initial-admin-password")).read().strip()
    driver_bin = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    port = free_port()
    driver = subprocess.Popen([driver_bin, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                call("GET", base + "/status")
                break
            except OSError:
                time.sleep(0.2)
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": shutil.which("chromium") or "/usr/bin/chromium", "args": HEADLESS}}}}
        session = base + "/session/" + call("POST", base + "/session", caps)["sessionId"]
        try:
            site = a.base if a.base.endswith("/") else a.base + "/"
            call("POST", session + "/url", {"url": site + "login"})
            call("POST", session + "/element/" + find(session, "#vaadinLoginUsername input") + "/value",
                 {"text": "admin"})
            call("POST", session + "/element/" + find(session, "#vaadinLoginPassword input") + "/value",
                 {"text": password + "\ue007"})
            find(session, "#current-user")
            call("POST", session + "/url", {"url": site + a.path})
            find(session, a.wait_for)
            time.sleep(a.settle)
            with open(a.out, "wb") as f:
                f.write(base64.b64decode(call("GET", session + "/screenshot")))
            print(f"screenshot: {a.out}")
        finally:
            call("DELETE", session)
    finally:
        driver.terminate()


if __name__ == "__main__":
    main()
