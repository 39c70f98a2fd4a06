"""Screenshots of what a person sees in `motedata serve` and rapport.html -> docs/skjermbilder/.

    make skjermbilder        # or: .venv/bin/python docs/lag_skjermbilder.py

Reads the bundled korpus into a temporary folder, starts `motedata serve` on a free
port on 127.0.0.1 and photographs the pages with headless Chromium (Debian's chromium
and chromium-driver). The PNGs are reduced to a palette so they stay small in git.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "docs" / "skjermbilder"
BIN = Path(sys.executable).parent

# (file name, path on the server, window height; 0 = the whole page up to 2600 px)
PAGES = [
    ("01_forside.png", "/", 900),
    ("02_sok.png", "/-/sok?q=barnehage", 700),
    ("03_vedtak_med_fasetter.png", "/motedata/vedtak_oversikt", 1000),
    ("04_apne_oppfolginger.png", "/motedata/apne_oppfolginger", 1000),
    ("05_vedtak_endret_fra_innstilling.png", "/motedata/endret_fra_innstilling", 900),
    ("06_kostnader_kostra_over_aar.png", "/motedata/kostnader_kostra_over_aar?funksjon=202", 800),
    ("07_rapport.png", "/-/rapport", 0),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium(profile: Path) -> webdriver.Chrome:
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=opts)


def shoot(driver: webdriver.Chrome, url: str, height: int, path: Path) -> None:
    driver.set_window_size(1280, height or 900)
    driver.get(url)
    if not height:
        full = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1280, min(full + 20, 2600))
    time.sleep(0.3)
    driver.save_screenshot(str(path))
    with Image.open(path) as img:
        img.convert("RGB").quantize(colors=128).save(path, optimize=True)


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="motedata-skjermbilder-") as tmp:
        out = Path(tmp) / "utdata"
        subprocess.run([str(BIN / "motedata"), "run", "korpus", "--out", str(out), "-q"], cwd=REPO, check=False)
        port = free_port()
        server = subprocess.Popen([str(BIN / "motedata"), "serve", "--out", str(out), "--port", str(port)], cwd=REPO,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                    break
                except OSError:
                    time.sleep(0.3)
            driver = chromium(Path(tmp) / "chromium")
            try:
                for name, path, height in PAGES:
                    shoot(driver, base + path, height, TARGET / name)
                    print(TARGET / name)
            finally:
                driver.quit()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
