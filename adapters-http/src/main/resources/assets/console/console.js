// Sheetsmith console: plain JavaScript, no build step. The API key lives in sessionStorage and is
// sent only as an Authorization header; every cell and name is put in the page as text, never HTML.
"use strict";

const KEY = "sheetsmith.key";
const $ = (id) => document.getElementById(id);

function key() {
  return sessionStorage.getItem(KEY) || "";
}

async function call(method, path, body, accept) {
  const headers = { "Content-Type": "application/json", Accept: accept || "application/json" };
  if (key()) {
    headers.Authorization = "Bearer " + key();
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    const error = new Error((json && json.error) || ("HTTP " + response.status));
    error.status = response.status;
    throw error;
  }
  return json;
}

const tool = (name, args) => call("POST", "/api/tools/" + name, args || {});

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "" : String(text);
  row.appendChild(td);
  return td;
}

function button(label, onClick, cls) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  if (cls) { b.className = cls; }
  b.addEventListener("click", onClick);
  return b;
}

function size(bytes) {
  return bytes < 1024 ? bytes + " B" : bytes < 1048576 ? (bytes / 1024).toFixed(1) + " KB" : (bytes / 1048576).toFixed(1) + " MB";
}

// ---- Timestamps: one format everywhere, "2026-11-30 09:34" in the browser's time zone; the exact
// instant is the cell's tooltip. Missing ones read "never".

function when(iso) {
  if (!iso) { return "never"; }
  const d = new Date(iso);
  if (isNaN(d.getTime())) { return String(iso); }
  const two = (n) => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + " " + two(d.getHours()) + ":"
    + two(d.getMinutes());
}

function timeCell(row, iso) {
  const td = cell(row, when(iso));
  td.className = "time";
  if (iso) { td.title = new Date(iso).toISOString(); }
  return td;
}

function show(section) {
  for (const id of ["sign-in", "files", "admin"]) {
    $(id).hidden = id !== section;
  }
  $("nav").hidden = section === "sign-in";
}

// Each sign-in gets a number; answers that arrive for an older one (a key since replaced) are ignored.
let signIns = 0;

async function signIn(event) {
  if (event) { event.preventDefault(); }
  const mine = ++signIns;
  const value = $("key").value.trim();
  sessionStorage.setItem(KEY, value);
  $("sign-in-error").textContent = "";
  $("show-admin").hidden = true;
  try {
    await loadFiles();
    if (mine !== signIns) { return; }
    show("files");
    let isAdmin = false;
    try {
      await call("GET", "/api/admin/info");
      isAdmin = true;
    } catch (e) {
      isAdmin = false;
    }
    if (mine === signIns) { $("show-admin").hidden = !isAdmin; }
  } catch (e) {
    if (mine !== signIns) { return; }
    sessionStorage.removeItem(KEY);
    $("sign-in-error").textContent = e.status === 401 ? "That key is not valid." : "Sign-in failed: " + e.message;
  }
}

function signOut() {
  signIns++;
  sessionStorage.removeItem(KEY);
  $("show-admin").hidden = true;
  $("preview").hidden = true;
  hideSecret();
  $("files-table").querySelector("tbody").replaceChildren();
  $("key").value = "";
  show("sign-in");
}

async function loadFiles() {
  const result = await tool("list_files");
  const files = (result.result && result.result.files) || [];
  const body = $("files-table").querySelector("tbody");
  body.replaceChildren();
  $("files-empty").hidden = files.length > 0;
  for (const f of files) {
    const row = document.createElement("tr");
    row.dataset.fileId = f.fileId;
    cell(row, f.name).className = "name";
    cell(row, size(f.sizeBytes));
    timeCell(row, f.modified);
    const actions = cell(row, "");
    actions.appendChild(button("Preview", () => preview(f)));
    const download = document.createElement("a");
    download.className = "button download";
    download.textContent = "Download";
    download.href = f.downloadUrl;
    download.setAttribute("download", f.name);
    actions.appendChild(download);
    actions.appendChild(button("Delete", () => remove(f), "delete"));
    body.appendChild(row);
  }
}

// ---- Preview: the server's preview route, asked for JSON. Values come formatted by the engine as
// the file shows them ("$1,234.50", "12%"); the page says each sheet's size and what was cut.

async function preview(file) {
  $("files-error").textContent = "";
  try {
    const data = await call("POST", "/api/tools/preview_file", { file: file.fileId, rows: 20 },
      "application/vnd.sheetsmith.preview+json");
    const target = $("preview-body");
    target.replaceChildren();
    $("preview-title").textContent = data.name;
    for (const sheet of data.sheets) {
      const heading = document.createElement("h4");
      heading.textContent = sheet.name;
      target.appendChild(heading);
      sheetPicture(target, sheet);
      if (sheet.rows.length === 0) {
        const empty = document.createElement("p");
        empty.textContent = "(empty)";
        target.appendChild(empty);
        continue;
      }
      target.appendChild(note("count", sheet.rowCount + (sheet.rowCount === 1 ? " row" : " rows") + " x "
        + sheet.columnCount + (sheet.columnCount === 1 ? " column" : " columns")));
      const table = document.createElement("table");
      table.className = "preview";
      sheet.rows.forEach((values, index) => {
        const row = document.createElement("tr");
        for (const v of values) {
          const c = document.createElement(index === 0 ? "th" : "td");
          c.textContent = v === null ? "" : String(v);
          row.appendChild(c);
        }
        table.appendChild(row);
      });
      target.appendChild(table);
      if (sheet.cut) { target.appendChild(note("cut", sheet.cut)); }
    }
    if (data.sheetsCut > 0) { target.appendChild(note("cut", data.sheetsCut + " more sheet(s) not shown.")); }
    $("preview").hidden = false;
  } catch (e) {
    $("files-error").textContent = "Preview failed: " + e.message;
  }
}

// The sheet drawn as a picture (charts included) where the server has LibreOffice: a signed link,
// loaded from this page's own origin (the CSP allows images from 'self' only). A picture that
// fails to load is taken away, never shown broken.
function sheetPicture(target, sheet) {
  if (!sheet.picture) { return; }
  const link = new URL(sheet.picture, location.href);
  const img = document.createElement("img");
  img.className = "sheet-picture";
  img.alt = "Sheet " + sheet.name + " as LibreOffice draws it";
  img.addEventListener("error", () => img.remove());
  img.src = link.pathname + link.search;
  target.appendChild(img);
}

function note(cls, text) {
  const p = document.createElement("p");
  p.className = cls;
  p.textContent = text;
  return p;
}

async function remove(file) {
  if (!window.confirm("Delete " + file.name + " and all its revisions?")) { return; }
  try {
    await tool("delete_file", { file: file.fileId });
    $("preview").hidden = true;
    await loadFiles();
  } catch (e) {
    $("files-error").textContent = "Delete failed: " + e.message;
  }
}

// Uploads: each file on its own request (XMLHttpRequest, for its upload progress), with a progress bar
// and the server's own word when it is refused (too big, not a spreadsheet, over the quota).
function uploadFiles(files) {
  for (const file of files) {
    uploadOne(file);
  }
}

function uploadOne(file) {
  const item = document.createElement("li");
  const name = document.createElement("span");
  name.className = "upload-name";
  name.textContent = file.name + " (" + size(file.size) + ")";
  const bar = document.createElement("progress");
  bar.max = 100;
  bar.value = 0;
  const status = document.createElement("span");
  status.className = "upload-status";
  status.textContent = "uploading";
  item.append(name, bar, status);
  $("upload-list").appendChild(item);
  const form = new FormData();
  form.append("file", file, file.name);
  const request = new XMLHttpRequest();
  request.open("POST", "/api/files");
  if (key()) {
    request.setRequestHeader("Authorization", "Bearer " + key());
  }
  request.upload.addEventListener("progress", (e) => {
    if (e.lengthComputable) { bar.value = Math.round((e.loaded * 100) / e.total); }
  });
  request.addEventListener("load", () => {
    let json = null;
    try { json = JSON.parse(request.responseText); } catch (e) { json = null; }
    const stored = json && json.files && json.files[0];
    if (request.status === 200 && stored) {
      bar.value = 100;
      item.className = "uploaded";
      status.textContent = "stored as " + stored.name;
      loadFiles().catch((e) => { $("files-error").textContent = e.message; });
      return;
    }
    const why = (json && (json.error || (json.refused && json.refused[0] && json.refused[0].error))) || ("HTTP " + request.status);
    item.className = "refused";
    bar.remove();
    status.textContent = (request.status === 413 ? "too big: " : request.status === 401 ? "sign in again: " : "refused: ") + why;
  });
  request.addEventListener("error", () => {
    item.className = "refused";
    bar.remove();
    status.textContent = "refused: the connection broke (a file past the upload limit is cut off)";
  });
  request.send(form);
}

// ---- Admin: owners, sessions (end one), keys (create: the secret is shown once; revoke) and every
// owner's files (delete). Each change asks for a confirmation first and reloads the page's tables.

async function loadAdmin() {
  const fill = (tableId, items, columns, actions) => {
    const body = $(tableId).querySelector("tbody");
    body.replaceChildren();
    for (const item of items) {
      const row = document.createElement("tr");
      for (const c of columns) { cell(row, typeof c === "function" ? c(item) : item[c]); }
      if (actions) { actions(row, item); }
      body.appendChild(row);
    }
    if (items.length === 0) {
      const row = document.createElement("tr");
      const none = cell(row, "None.");
      none.className = "none";
      none.colSpan = $(tableId).querySelectorAll("thead th").length;
      body.appendChild(row);
    }
  };
  const [owners, sessions, keys, files] = await Promise.all([call("GET", "/api/admin/owners?limit=500"),
    call("GET", "/api/admin/sessions?limit=100"), call("GET", "/api/admin/keys?limit=500"),
    call("GET", "/api/admin/files?limit=100")]);
  fill("owners-table", owners.items, ["owner", "files", (o) => size(o.bytes), "sessions"],
    (row, o) => timeCell(row, o.lastActivity));
  fill("sessions-table", sessions.items, ["owner", "client"], (row, s) => {
    timeCell(row, s.created);
    timeCell(row, s.lastSeen);
    row.dataset.sessionId = s.id;
    cell(row, "").appendChild(button("End", () => endSession(s), "end-session"));
  });
  fill("keys-table", keys.items, ["id", "owner", (k) => k.role + (k.gateway ? " (gateway)" : ""),
    (k) => (k.active ? "active" : "revoked") + (ownKey(k) ? " (yours)" : "")], (row, k) => {
    timeCell(row, k.created);
    timeCell(row, k.lastUsed);
    row.dataset.keyId = k.id;
    const actions = cell(row, "");
    if (k.active) { actions.appendChild(button("Revoke", () => revokeKey(k), "revoke")); }
  });
  fill("admin-files-table", files.items, ["owner", "name", (f) => size(f.sizeBytes)], (row, f) => {
    timeCell(row, f.modified);
    row.dataset.fileId = f.fileId;
    cell(row, "").appendChild(button("Delete", () => adminDelete(f), "delete"));
  });
  show("admin");
}

// Runs one admin change: says what it did, or why it failed, then reloads the tables.
async function adminChange(action, done) {
  $("admin-message").textContent = "";
  $("admin-error").textContent = "";
  try {
    await action();
    $("admin-message").textContent = done;
  } catch (e) {
    $("admin-error").textContent = e.message;
  }
  await loadAdmin().catch((e) => { $("admin-error").textContent = e.message; });
}

async function createKey(event) {
  event.preventDefault();
  const owner = $("new-key-owner").value.trim();
  const role = $("new-key-role").value;
  const gateway = $("new-key-gateway").checked;
  if (!owner) { $("admin-error").textContent = "Give the key's owner."; return; }
  if (!window.confirm("Create " + (role === "admin" ? "an admin" : "a user") + (gateway ? " gateway" : "")
      + " key for " + owner + "?")) { return; }
  await adminChange(async () => {
    const created = await call("POST", "/api/admin/keys", { owner, role, gateway });
    $("new-key-id").textContent = created.id;
    $("new-key-for").textContent = created.owner;
    $("new-key-secret").textContent = created.secret;
    $("new-key-copied").textContent = "";
    $("new-key").hidden = false;
    $("new-key-owner").value = "";
  }, "Key created for " + owner + ".");
}

// The secret lives only in the page until "Done": it is never stored, and never shown again.
function hideSecret() {
  $("new-key-secret").textContent = "";
  $("new-key-copied").textContent = "";
  $("new-key").hidden = true;
}

async function copySecret() {
  const secret = $("new-key-secret").textContent;
  try {
    await navigator.clipboard.writeText(secret);
    $("new-key-copied").textContent = "Copied.";
  } catch (e) {
    const range = document.createRange();
    range.selectNodeContents($("new-key-secret"));
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    $("new-key-copied").textContent = document.execCommand("copy") ? "Copied." : "Selected: press Ctrl+C to copy.";
  }
}

// Whether k is the key this page is signed in with (secrets read ssk_<id>_<random>).
function ownKey(k) {
  return key().startsWith("ssk_" + k.id + "_");
}

async function revokeKey(k) {
  const warning = ownKey(k) ? " It is the key you are signed in with: this page will stop working." : "";
  if (!window.confirm("Revoke key " + k.id + " of " + k.owner + "? Clients using it are refused at once." + warning)) {
    return;
  }
  await adminChange(() => call("DELETE", "/api/admin/keys/" + encodeURIComponent(k.id)), "Key " + k.id + " revoked.");
}

async function endSession(s) {
  if (!window.confirm("End the session of " + s.owner + (s.client ? " (" + s.client + ")" : "") + "?")) { return; }
  await adminChange(() => call("DELETE", "/api/admin/sessions/" + encodeURIComponent(s.id)),
    "Session of " + s.owner + " ended.");
}

async function adminDelete(f) {
  if (!window.confirm("Delete " + f.name + " of " + f.owner + " and all its revisions?")) { return; }
  await adminChange(() => call("DELETE", "/api/admin/files/" + encodeURIComponent(f.fileId)),
    f.name + " of " + f.owner + " deleted.");
}

document.addEventListener("DOMContentLoaded", () => {
  $("sign-in-form").addEventListener("submit", signIn);
  $("show-files").addEventListener("click", () => { show("files"); loadFiles(); });
  $("show-admin").addEventListener("click", () => loadAdmin().catch((e) => { $("files-error").textContent = e.message; }));
  $("sign-out").addEventListener("click", signOut);
  $("new-key-form").addEventListener("submit", createKey);
  $("new-key-copy").addEventListener("click", copySecret);
  $("new-key-done").addEventListener("click", hideSecret);
  $("upload-input").addEventListener("change", (e) => { uploadFiles(e.target.files); e.target.value = ""; });
  const drop = $("files");
  // dragenter and dragover both cancelled: the list is a drop target, and the browser does not open the files
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add("dropping"); });
  }
  drop.addEventListener("dragleave", () => drop.classList.remove("dropping"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("dropping");
    uploadFiles(e.dataTransfer.files);
  });
  if (key()) {
    $("key").value = key();
    signIn();
  }
});
