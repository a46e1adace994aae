#!/usr/bin/env python3
"""Drives the published catalogue page (index.html) in a real headless Chromium.

Run by CatalogueBrowserTests.swift; usable by hand too:

    python3 catalogue_page_check.py --page out/index.html --screenshots out/shots \
        --total 19 --search SFTP --search-count 1 --protocol HTTPS --protocol-count 12 \
        --sharing none --sharing-count 3 --xss-text '<script>alert(1)</script>'

It loads the page with alert(), confirm() and prompt() replaced by recorders (before any script
of the page runs), then checks, as a person would see it:
  1. the number of visible services and the count the page shows;
  2. typing into the search box narrows the list as you type (every visible service matches);
  3. the protocol and sharing filters narrow the list; clearing them brings every service back;
  4. contract text such as <script>alert(1)</script> shows as text and runs nothing: no dialog,
     no injected element, no global set by an injected handler;
  5. saves screenshots (desktop 1200 px, phone 390 px) into the screenshots folder.
Prints one JSON object with what it saw; exits 1 with a message on the first failed check.
Needs Debian's chromium and chromium-driver and the Python package selenium; makes no
network connection (the page has none either: its Content-Security-Policy forbids it).
"""
import argparse
import json
import os
import shutil
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

RECORDERS = """
window.__dialogs = [];
['alert', 'confirm', 'prompt'].forEach(function (name) {
  window[name] = function (message) { window.__dialogs.push(name + ':' + String(message)); return null; };
});
"""


def fail(message, seen):
    seen["failure"] = message
    print(json.dumps(seen, ensure_ascii=False, indent=2))
    sys.exit(1)


def find_binary(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def start_browser(width, height):
    options = Options()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-gpu")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--hide-scrollbars")
    options.add_argument("--force-device-scale-factor=1")
    options.add_argument(f"--window-size={width},{height}")
    chromium = find_binary("chromium", "chromium-browser", "google-chrome")
    if chromium:
        options.binary_location = chromium
    driver_path = find_binary("chromedriver")
    service = Service(executable_path=driver_path) if driver_path else Service()
    driver = webdriver.Chrome(service=service, options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDERS})
    return driver


def visible_services(driver):
    return [s for s in driver.find_elements(By.CSS_SELECTOR, "article.service") if s.is_displayed()]


def shown_count(driver):
    return int(driver.find_element(By.ID, "count").get_attribute("data-visible"))


def wait_for_count(driver, expected):
    try:
        WebDriverWait(driver, 5).until(lambda d: len(visible_services(d)) == expected)
    except Exception:
        pass
    return len(visible_services(driver))


def full_page_screenshot(driver, path, width):
    height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
    height = max(600, min(int(height), 16000))
    driver.set_window_size(width, height)
    time.sleep(0.2)
    driver.save_screenshot(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--page", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--total", type=int, required=True)
    parser.add_argument("--search", required=True)
    parser.add_argument("--search-count", type=int, required=True)
    parser.add_argument("--protocol", required=True)
    parser.add_argument("--protocol-count", type=int, required=True)
    parser.add_argument("--sharing", required=True)
    parser.add_argument("--sharing-count", type=int, required=True)
    parser.add_argument("--xss-text", action="append", default=[])
    args = parser.parse_args()

    os.makedirs(args.screenshots, exist_ok=True)
    url = "file://" + os.path.abspath(args.page)
    seen = {"page": url}
    driver = start_browser(1200, 900)
    try:
        driver.get(url)
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")

        # 1. Everything is visible at first, and the page says so.
        seen["visibleAtStart"] = len(visible_services(driver))
        seen["countAtStart"] = shown_count(driver)
        if seen["visibleAtStart"] != args.total or seen["countAtStart"] != args.total:
            fail(f"expected {args.total} visible services at first", seen)
        driver.save_screenshot(os.path.join(args.screenshots, "catalogue-1200.png"))

        # 2. Typing narrows the list, letter by letter.
        box = driver.find_element(By.ID, "search")
        counts = []
        for letter in args.search:
            box.send_keys(letter)
            counts.append(len(visible_services(driver)))
        seen["searchCounts"] = counts
        seen["visibleAfterSearch"] = wait_for_count(driver, args.search_count)
        if seen["visibleAfterSearch"] != args.search_count or shown_count(driver) != args.search_count:
            fail(f"typing {args.search!r} should leave {args.search_count} services", seen)
        term = args.search.lower()
        for service in visible_services(driver):
            if term not in (service.get_attribute("data-search") or ""):
                fail(f"{service.get_attribute('id')} is visible but does not match {args.search!r}", seen)
        seen["searchShows"] = [s.get_attribute("data-code") for s in visible_services(driver)]
        driver.save_screenshot(os.path.join(args.screenshots, "catalogue-search.png"))
        box.clear()
        box.send_keys(" ")  # clear() sends no input event; a key does
        seen["visibleAfterClear"] = wait_for_count(driver, args.total)
        if seen["visibleAfterClear"] != args.total:
            fail("clearing the search should show every service again", seen)

        # 3. The protocol and sharing filters.
        Select(driver.find_element(By.ID, "protocol-filter")).select_by_value(args.protocol)
        seen["visibleForProtocol"] = wait_for_count(driver, args.protocol_count)
        if seen["visibleForProtocol"] != args.protocol_count:
            fail(f"protocol {args.protocol} should leave {args.protocol_count} services", seen)
        for service in visible_services(driver):
            if service.get_attribute("data-protocol") != args.protocol:
                fail(f"{service.get_attribute('id')} is visible under the {args.protocol} filter", seen)
        Select(driver.find_element(By.ID, "protocol-filter")).select_by_value("")
        Select(driver.find_element(By.ID, "sharing-filter")).select_by_value(args.sharing)
        seen["visibleForSharing"] = wait_for_count(driver, args.sharing_count)
        if seen["visibleForSharing"] != args.sharing_count:
            fail(f"sharing {args.sharing} should leave {args.sharing_count} services", seen)
        box.send_keys("zzzz-no-such-service")
        seen["visibleForNothing"] = wait_for_count(driver, 0)
        empty = driver.find_element(By.ID, "empty")
        if seen["visibleForNothing"] != 0 or not empty.is_displayed():
            fail("a search matching nothing should show no service and the empty note", seen)
        box.clear()
        box.send_keys(" ")
        Select(driver.find_element(By.ID, "sharing-filter")).select_by_value("")
        seen["visibleAtEnd"] = wait_for_count(driver, args.total)
        if seen["visibleAtEnd"] != args.total:
            fail("clearing every filter should show every service again", seen)

        # 4. Contract text is text.
        body_text = driver.find_element(By.TAG_NAME, "body").text
        for text in args.xss_text:
            if text not in body_text:
                fail(f"the page should show {text!r} as text", seen)
        seen["dialogs"] = driver.execute_script("return window.__dialogs")
        seen["injectedGlobal"] = driver.execute_script("return window.__xss === undefined ? null : String(window.__xss)")
        seen["injectedElements"] = driver.execute_script(
            "return document.querySelectorAll('main script, main img, main iframe, main svg, [onerror], [onclick], [onload]').length")
        seen["scripts"] = driver.execute_script("return document.scripts.length")
        if seen["dialogs"]:
            fail("a dialog was opened: contract text ran as script", seen)
        if seen["injectedGlobal"] is not None:
            fail("an injected handler ran", seen)
        if seen["injectedElements"] != 0 or seen["scripts"] != 1:
            fail("contract text became elements of the page", seen)

        # 5. Screenshots.
        driver.execute_script("window.scrollTo(0, 0)")
        full_page_screenshot(driver, os.path.join(args.screenshots, "catalogue-full.png"), 1200)
        driver.set_window_size(390, 844)
        time.sleep(0.2)
        seen["visibleOnPhone"] = len(visible_services(driver))
        seen["phoneOverflow"] = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        driver.save_screenshot(os.path.join(args.screenshots, "catalogue-phone.png"))
        if seen["visibleOnPhone"] != args.total:
            fail("every service should be visible on a phone too", seen)
        if seen["phoneOverflow"] > 0:
            fail("the page is wider than a phone screen", seen)
    finally:
        driver.quit()
    seen["ok"] = True
    print(json.dumps(seen, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
