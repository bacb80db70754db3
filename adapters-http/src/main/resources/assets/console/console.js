// Sheetsmith console: plain JavaScript, no build step. The API key lives in sessionStorage and is
// sent only as an Authorization header; every cell and name is put in the page as text, never HTML.
"use strict";

const KEY = "sheetsmith.key";
const $ = (id) => document.getElementById(id);

function key() {
  return sessionStorage.getItem(KEY) || "";
}

async function call(method, path, body) {
  const headers = { "Content-Type": "application/json" };
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
    cell(row, new Date(f.modified).toLocaleString());
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

async function preview(file) {
  $("files-error").textContent = "";
  try {
    const described = await tool("describe_workbook", { file: file.fileId });
    const target = $("preview-body");
    target.replaceChildren();
    $("preview-title").textContent = file.name;
    for (const sheet of described.result.sheets) {
      const heading = document.createElement("h4");
      heading.textContent = sheet.name;
      target.appendChild(heading);
      if (!sheet.usedRange) {
        const empty = document.createElement("p");
        empty.textContent = "(empty)";
        target.appendChild(empty);
        continue;
      }
      const read = await tool("read_range", { file: file.fileId, sheet: sheet.name, max_cells: 400 });
      const table = document.createElement("table");
      table.className = "preview";
      read.result.rows.slice(0, 20).forEach((values, index) => {
        const row = document.createElement("tr");
        for (const v of values) {
          const c = document.createElement(index === 0 ? "th" : "td");
          c.textContent = v === null ? "" : String(v);
          row.appendChild(c);
        }
        table.appendChild(row);
      });
      target.appendChild(table);
    }
    $("preview").hidden = false;
  } catch (e) {
    $("files-error").textContent = "Preview failed: " + e.message;
  }
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

async function loadAdmin() {
  const fill = (tableId, items, columns) => {
    const body = $(tableId).querySelector("tbody");
    body.replaceChildren();
    for (const item of items) {
      const row = document.createElement("tr");
      for (const c of columns) { cell(row, typeof c === "function" ? c(item) : item[c]); }
      body.appendChild(row);
    }
  };
  const [owners, sessions, keys] = await Promise.all([call("GET", "/api/admin/owners"),
    call("GET", "/api/admin/sessions?limit=100"), call("GET", "/api/admin/keys")]);
  fill("owners-table", owners.items, ["owner", "files", (o) => size(o.bytes), "sessions", "lastActivity"]);
  fill("sessions-table", sessions.items, ["owner", "client", "lastSeen"]);
  fill("keys-table", keys.items, ["id", "owner", (k) => k.role + (k.gateway ? " (gateway)" : ""),
    (k) => (k.active ? "active" : "revoked"), "lastUsed"]);
  show("admin");
}

document.addEventListener("DOMContentLoaded", () => {
  $("sign-in-form").addEventListener("submit", signIn);
  $("show-files").addEventListener("click", () => { show("files"); loadFiles(); });
  $("show-admin").addEventListener("click", () => loadAdmin().catch((e) => { $("files-error").textContent = e.message; }));
  $("sign-out").addEventListener("click", signOut);
  $("upload-input").addEventListener("change", (e) => { uploadFiles(e.target.files); e.target.value = ""; });
  const drop = $("files");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("dropping"); });
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
