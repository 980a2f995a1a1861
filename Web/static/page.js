// Dossier's web page: sends the upload to /v1/jobs, shows the problems or the summary, the preview pages and the
// downloads (progress by polling the download's state). Results are put into the page from its <template>
// elements with textContent: nothing the data holds is ever read as HTML.
"use strict";

const state = { job: null, polling: null };
const $ = (id) => document.getElementById(id);

function show(id, visible) { $(id).hidden = !visible; }
function say(id, text) { $(id).textContent = text; }
function alertMessage(id, text) { say(id, text); show(id, text !== ""); }
function arabicNumber(n) { return String(n); }

function fill(templateId, values) {
  const node = $(templateId).content.firstElementChild.cloneNode(true);
  for (const [name, value] of Object.entries(values)) {
    const cell = node.querySelector(`[data-cell="${name}"]`);
    if (!cell) continue;
    const target = cell.querySelector("code, bdi") || cell;
    target.textContent = value;
  }
  return node;
}

function reset() {
  if (state.polling) clearTimeout(state.polling);
  state.job = null;
  for (const id of ["problems", "warnings", "summary", "preview", "downloads", "progress-box"]) show(id, false);
  for (const id of ["errors-table", "warnings-table", "shares-table"]) $(id).querySelector("tbody").replaceChildren();
  $("pages").replaceChildren();
  $("files").replaceChildren();
  alertMessage("alert", "");
  alertMessage("download-error", "");
}

function problemRows(tableId, problems) {
  const body = $(tableId).querySelector("tbody");
  // In the order of the file (the server lists them rule by rule): a reader corrects from the top down.
  const ordered = [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  body.replaceChildren(...ordered.map((p) => fill("problem-row", {
    file: p.file, line: p.line ?? "—", column: p.column ?? "—", path: p.path || "—", message: p.message,
  })));
}

async function upload(event) {
  event.preventDefault();
  const form = $("upload");
  if (!$("convention").files.length) {
    alertMessage("alert", "اختاروا ملف الاتفاقية أولًا (YAML أو JSON).");
    $("convention").focus();
    return;
  }
  reset();
  const data = new FormData();
  data.append("convention", $("convention").files[0]);
  for (const name of ["projects", "financing"]) if ($(name).files.length) data.append(name, $(name).files[0]);
  $("check").disabled = true;
  say("status", "جارٍ التحقق من المعطيات…");
  let response, body;
  try {
    response = await fetch(form.action, { method: "POST", body: data });
    body = await response.json().catch(() => ({}));
  } catch (error) {
    say("status", "");
    alertMessage("alert", "تعذّر الاتصال بالخادم. تحقّقوا من الشبكة ثم أعيدوا المحاولة.");
    return;
  } finally {
    $("check").disabled = false;
  }
  say("status", "");
  if (response.status === 201) return showJob(body);
  if (response.status === 422) return showProblems(body.problems || []);
  if (response.status === 413) return alertMessage("alert", "الملفات أكبر من الحجم الذي يقبله الخادم. قسّموا المعطيات أو اطلبوا من المسؤول رفع الحد.");
  alertMessage("alert", `لم يُقبل الملف (${response.status}): ${body.error || "خطأ غير معروف"}`);
}

function showProblems(problems) {
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity !== "error");
  problemRows("errors-table", errors);
  say("problems-count", `عدد الأخطاء: ${arabicNumber(errors.length)}` + (warnings.length ? `، وعدد التنبيهات: ${arabicNumber(warnings.length)}` : ""));
  show("problems", true);
  showWarnings(warnings);
  say("status", "في المعطيات أخطاء؛ لم يُنجز أي ملف.");
  $("problems").focus();
}

function showWarnings(warnings) {
  problemRows("warnings-table", warnings);
  show("warnings", warnings.length > 0);
}

function showJob(body) {
  state.job = body.id;
  const summary = body.summary;
  for (const field of ["reference", "title", "total", "projects", "partners"]) {
    document.querySelector(`[data-field="${field}"]`).textContent = summary[field];
  }
  $("shares-table").querySelector("tbody").replaceChildren(...summary.shares.map((s) => fill("share-row", s)));
  showWarnings(body.warnings || []);
  const select = $("dossier");
  select.replaceChildren(...summary.dossiers.map((d) => new Option(d.label, d.id)));
  for (const id of ["summary", "preview", "downloads"]) show(id, true);
  say("status", "المعطيات صالحة. الملخص والمعاينة والتنزيل أسفله.");
  $("summary").focus();
  loadPreview();
}

// The chosen day as the dossiers print it (8 دجنبر 2016): the browser shows the field in its own locale's
// order (12/08/2016 in an English one), which a reader here would take for the 12th of August.
const months = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"];
function showDateInWords() {
  const value = dateValue();
  if (!value) return say("date-words", "");
  const [year, month, day] = value.split("-").map(Number);
  say("date-words", `${day} ${months[month - 1]} ${year}`);
}

function dateValue() {
  const value = $("date").value;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

async function previewPage(number) {
  const date = dateValue();
  const response = await fetch(`/v1/jobs/${state.job}/pages/${number}?date=${date}`);
  const count = Number(response.headers.get("X-Dossier-Page-Count") || 0);
  if (count) {
    $("page-number").max = String(count);
    say("page-count", `من أصل ${arabicNumber(count)}`);
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(response.status === 404 && count ? `ملف الاتفاقية فيه ${arabicNumber(count)} صفحة فقط.` : (body.error || "تعذّرت المعاينة."));
  }
  const figure = document.createElement("figure");
  const image = document.createElement("img");
  image.src = URL.createObjectURL(await response.blob());
  image.alt = `الصفحة ${arabicNumber(number)} من ملف الاتفاقية`;
  const caption = document.createElement("figcaption");
  caption.textContent = `الصفحة ${arabicNumber(number)}` + (count ? ` من ${arabicNumber(count)}` : "");
  figure.append(image, caption);
  figure.dataset.page = String(number);
  return figure;
}

async function loadPreview() {
  const job = state.job;
  if (!job || !dateValue()) return;
  say("preview-status", "جارٍ إعداد معاينة الصفحات الأولى…");
  $("pages").replaceChildren();
  try {
    for (const number of [1, 2]) {
      const figure = await previewPage(number);
      if (state.job !== job) return;
      $("pages").append(figure);
    }
    say("preview-status", "الصفحتان الأوليان من ملف الاتفاقية:");
  } catch (error) {
    say("preview-status", error.message);
  }
}

async function showRequestedPage(event) {
  event.preventDefault();
  const number = Number($("page-number").value);
  const max = Number($("page-number").max || 0);
  if (!Number.isInteger(number) || number < 1 || (max && number > max)) {
    say("preview-status", max ? `اكتبوا رقم صفحة بين 1 و${arabicNumber(max)}.` : "اكتبوا رقم صفحة صحيحًا.");
    return;
  }
  say("preview-status", `جارٍ إعداد الصفحة ${arabicNumber(number)}…`);
  try {
    const figure = await previewPage(number);
    figure.id = "requested-page";
    $("requested-page")?.remove();
    $("pages").prepend(figure);
    say("preview-status", `الصفحة ${arabicNumber(number)} معروضة أولًا.`);
  } catch (error) {
    say("preview-status", error.message);
  }
}

function setBusy(busy) {
  for (const id of ["download-one", "download-all", "download-packets", "check"]) $(id).disabled = busy;
}

async function startDownload(dossier, label) {
  const date = dateValue();
  alertMessage("download-error", "");
  if (!date) {
    alertMessage("download-error", "اختاروا تاريخ الملفات أولًا.");
    $("date").focus();
    return;
  }
  setBusy(true);
  show("progress-box", true);
  $("progress").value = 0;
  say("progress-label", `جارٍ إنجاز: ${label}`);
  say("progress-text", "بدأ الإنجاز…");
  try {
    const response = await fetch(`/v1/jobs/${state.job}/downloads?dossier=${encodeURIComponent(dossier)}&date=${date}`, { method: "POST" });
    const body = await response.json().catch(() => ({}));
    if (response.status !== 202) throw new Error(body.error || `رفض الخادم الطلب (${response.status}).`);
    poll(body.id, label, date);
  } catch (error) {
    failed(error.message);
  }
}

function failed(message) {
  setBusy(false);
  show("progress-box", false);
  alertMessage("download-error", `لم يكتمل الإنجاز: ${message}`);
}

async function poll(id, label, date) {
  try {
    const response = await fetch(`/v1/jobs/${state.job}/downloads/${id}`);
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || "انقطع الإنجاز.");
    $("progress").max = body.total;
    $("progress").value = body.done;
    say("progress-text", `أُنجز ${arabicNumber(body.done)} من ${arabicNumber(body.total)}`);
    if (body.state === "running") { state.polling = setTimeout(() => poll(id, label, date), 400); return; }
    if (body.state === "failed") return failed(body.message || "خطأ غير معروف.");
    setBusy(false);
    show("progress-box", false);
    const item = $("file-item").content.firstElementChild.cloneNode(true);
    const link = item.querySelector("a");
    link.href = body.file;
    link.download = body.fileName;
    link.textContent = `${label} — بتاريخ ${date} (${body.fileName})`;
    $("files").prepend(item);
    say("status", `${label} جاهز للتنزيل.`);
    link.focus();
  } catch (error) {
    failed(error.message);
  }
}

async function forget() {
  if (state.job) await fetch(`/v1/jobs/${state.job}`, { method: "DELETE" }).catch(() => {});
  reset();
  $("upload").reset();
  say("status", "حُذفت معطياتكم وملفاتها من الخادم.");
  $("convention").focus();
}

document.addEventListener("DOMContentLoaded", () => {
  $("upload").addEventListener("submit", upload);
  $("page-form").addEventListener("submit", showRequestedPage);
  $("date").addEventListener("change", () => { showDateInWords(); loadPreview(); });
  showDateInWords();
  $("download-one").addEventListener("click", () => {
    const select = $("dossier");
    startDownload(select.value, select.options[select.selectedIndex].text);
  });
  $("download-all").addEventListener("click", () => startDownload("all", "كل الملفات"));
  $("download-packets").addEventListener("click", () => startDownload("packets", "رسائل الشركاء"));
  $("forget").addEventListener("click", forget);
});
