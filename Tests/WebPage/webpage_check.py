"""Drives Dossier's web page in Debian's chromium (through chromium-driver) with selenium, as a member of the
province's staff would use it: upload the sample, see the summary and the preview, download the convention
dossier; upload a file with three errors; upload the CSV import templates; walk the page with the keyboard alone.
Writes screenshots at 1280x800 and 390x844 into --out. Each failed check prints `FAIL <rule>: <what>` and the
script exits 1 (every check runs; the Swift test reports the lines)."""
import argparse, os, sys, time
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import WebDriverWait

failures = []

def check(rule, condition, detail=""):
    if not condition:
        failures.append(f"FAIL {rule}: {detail}")
        print(failures[-1], flush=True)
    return condition

def wait(driver, what, seconds=60):
    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.2).until(lambda d: what(d))
    except Exception:
        return None

def visible(driver, element_id):
    return driver.find_element(By.ID, element_id).is_displayed()

def browser(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=ar",
                     "--force-device-scale-factor=1", "--hide-scrollbars"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return driver

def size(driver, width, height):
    # The viewport, not the window, must be width x height: the screenshots show what a reader sees.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                                   "mobile": width < 600})

def screenshots(driver, out, name, anchor):
    for width, height in [(1280, 800), (390, 844)]:
        size(driver, width, height)
        driver.execute_script("document.getElementById(arguments[0]).scrollIntoView({block: 'start'})", anchor)
        time.sleep(0.3)
        driver.save_screenshot(os.path.join(out, f"web-{name}-{width}x{height}.png"))
    size(driver, 1280, 800)

def upload(driver, base, convention, projects=None, financing=None):
    driver.get(base + "/")
    driver.find_element(By.ID, "convention").send_keys(convention)
    if projects: driver.find_element(By.ID, "projects").send_keys(projects)
    if financing: driver.find_element(By.ID, "financing").send_keys(financing)
    driver.find_element(By.ID, "check").click()

def sample_flow(driver, args):
    upload(driver, args.base, args.sample)
    check("summary appears for valid data", wait(driver, lambda d: visible(d, "summary")), "the summary never showed")
    field = lambda name: driver.find_element(By.CSS_SELECTOR, f'[data-field="{name}"]').text
    check("summary shows the reference", field("reference") == "TAO-ART-2016/01", field("reference"))
    check("summary shows the total as the dossiers print it", field("total").startswith("28.250.000,00 درهم"), field("total"))
    check("summary counts the projects", field("projects") == "8", field("projects"))
    check("summary counts the partners", field("partners") == "11", field("partners"))
    rows = driver.find_elements(By.CSS_SELECTOR, "#shares-table tbody tr")
    check("summary lists every partner's share", len(rows) == 11, f"{len(rows)} rows")
    loaded = wait(driver, lambda d: d.execute_script(
        "const i = [...document.querySelectorAll('#pages img')]; return i.length >= 2 && i.every(x => x.complete && x.naturalWidth > 100)"))
    check("preview shows the first pages as images", loaded, "no preview images")
    alts = [i.get_attribute("alt") for i in driver.find_elements(By.CSS_SELECTOR, "#pages img")]
    check("preview images have alternative text", all(alts), f"{alts}")
    # Any page on request.
    number = driver.find_element(By.ID, "page-number")
    number.clear(); number.send_keys("3"); number.send_keys(Keys.ENTER)
    check("preview shows a page on request", wait(driver, lambda d: d.execute_script(
        "const f = document.getElementById('requested-page'); return f && f.dataset.page === '3' && f.querySelector('img').naturalWidth > 100")),
        "page 3 never showed")
    # The date, then the convention dossier.
    driver.execute_script("const d = document.getElementById('date'); d.value = arguments[0]; d.dispatchEvent(new Event('change'))", args.date)
    screenshots(driver, args.out, "summary", "summary")
    screenshots(driver, args.out, "preview", "preview")
    driver.find_element(By.ID, "download-one").click()
    link = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#files a"), 120)
    if not check("a download link appears once the dossier is rendered", link, driver.find_element(By.ID, "download-error").text):
        return
    screenshots(driver, args.out, "downloads", "downloads")
    link[0].click()
    target = os.path.join(args.downloads, "convention.pdf")
    done = wait(driver, lambda d: os.path.exists(target) and not any(n.endswith(".crdownload") for n in os.listdir(args.downloads)), 60)
    if check("the browser downloads the convention dossier", done, f"{os.listdir(args.downloads)}"):
        with open(target, "rb") as f, open(args.expected, "rb") as g:
            check("the downloaded dossier is the CLI's bytes for the same date", f.read() == g.read(), "bytes differ")

def errors_flow(driver, args):
    upload(driver, args.base, args.bad)
    check("problems appear for data with errors", wait(driver, lambda d: visible(d, "problems")), "no problems table")
    rows = driver.find_elements(By.CSS_SELECTOR, "#errors-table tbody tr")
    check("the three errors are listed", len(rows) == 3, f"{len(rows)} rows")
    for row in rows:
        cells = [c.text for c in row.find_elements(By.CSS_SELECTOR, "td")]
        check("each error is located by line, column and field", cells[1].isdigit() and cells[2].isdigit() and cells[3] not in ("", "—"), f"{cells}")
    warnings = driver.find_elements(By.CSS_SELECTOR, "#warnings-table tbody tr")
    check("warnings are apart from errors", len(warnings) == 2 and visible(driver, "warnings"), f"{len(warnings)} warnings")
    check("nothing is offered for download when data has errors",
          not visible(driver, "downloads") and not visible(driver, "summary") and not driver.find_elements(By.CSS_SELECTOR, "#files a"), "")
    check("focus moves to the problems", driver.execute_script("return document.activeElement.id") == "problems", "")
    screenshots(driver, args.out, "problems", "problems")

def csv_flow(driver, args):
    folder = args.templates
    upload(driver, args.base, os.path.join(folder, "convention-csv.yaml"), os.path.join(folder, "projects.csv"), os.path.join(folder, "financing.csv"))
    check("the CSV templates upload as valid data", wait(driver, lambda d: visible(d, "summary")),
          driver.find_element(By.ID, "alert").text + driver.find_element(By.ID, "errors-table").text)
    check("the CSV projects are counted", driver.find_element(By.CSS_SELECTOR, '[data-field="projects"]').text == "8", "")

def focused(driver):
    return driver.execute_script("""const e = document.activeElement;
        const name = (e.labels && e.labels.length ? e.labels[0].textContent : '') || e.getAttribute('aria-label') || e.textContent || '';
        const style = getComputedStyle(e);
        return {id: e.id, tag: e.tagName, name: name.trim(), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};""")

def tab_until(driver, element_id, limit=40, back=False):
    """Tabs until `element_id` has focus; checks that every stop on the way has a name and a visible focus."""
    for _ in range(limit):
        keys = (Keys.SHIFT + Keys.TAB) if back else Keys.TAB
        ActionChains(driver).send_keys(keys).perform()
        now = focused(driver)
        check("every control reached by Tab has an accessible name", now["name"], f"{now}")
        check("focus is visible", now["outline"], f"{now}")
        if now["id"] == element_id:
            return True
    return check("the keyboard reaches every control", False, f"Tab never reached #{element_id}")

def keyboard_flow(driver, args):
    driver.get(args.base + "/")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    check("the first Tab stop skips to the content", focused(driver)["id"] == "" and driver.execute_script(
        "return document.activeElement.classList.contains('skip')"), f"{focused(driver)}")
    tab_until(driver, "convention")
    # A file chooser is the system's dialog; what it gives back is the path typed here.
    driver.switch_to.active_element.send_keys(args.sample)
    for stop in ["projects", "financing", "check"]:
        tab_until(driver, stop)
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    check("Enter on the button checks the data and focus goes to the summary",
          wait(driver, lambda d: d.execute_script("return document.activeElement.id") == "summary"), "")
    for stop in ["date", "dossier", "download-one"]:
        tab_until(driver, stop, limit=60)
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    check("the finished download's link takes the focus",
          wait(driver, lambda d: d.execute_script("return document.activeElement.closest('#files') !== null"), 120),
          driver.find_element(By.ID, "download-error").text)
    tab_until(driver, "forget", limit=20)
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    check("the data can be removed with the keyboard", wait(driver, lambda d: not visible(d, "summary")), "")

def main():
    parser = argparse.ArgumentParser()
    for name in ["base", "out", "sample", "bad", "templates", "expected", "date", "downloads"]:
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()
    driver = browser(args.downloads)
    try:
        size(driver, 1280, 800)
        driver.get(args.base + "/")
        html = driver.find_element(By.TAG_NAME, "html")
        check("the page is Arabic, right to left", html.get_attribute("lang") == "ar" and html.get_attribute("dir") == "rtl", "")
        unlabeled = driver.execute_script("return [...document.querySelectorAll('input, select')].filter(e => !e.labels || !e.labels.length).map(e => e.id)")
        check("every field has a label", not unlabeled, f"{unlabeled}")
        screenshots(driver, args.out, "start", "main")
        for flow in [sample_flow, errors_flow, csv_flow, keyboard_flow]:
            try:
                flow(driver, args)
            except Exception as error:  # one broken step must not hide the other flows' checks
                check(f"{flow.__name__} runs to its end", False, str(error).splitlines()[0] if str(error) else repr(error))
            print(f"done {flow.__name__}", flush=True)
    finally:
        driver.quit()
    print(f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)

if __name__ == "__main__":
    main()
