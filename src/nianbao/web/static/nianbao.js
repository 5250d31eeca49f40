// nianbao: the few things the pages do in the browser. Plain script, no build step; every page also
// works without it (the forms post and the server answers with a whole page).
"use strict";

function copyText(id, button) {
  var box = document.getElementById(id);
  if (!box) return;
  var done = function () { var old = button.textContent; button.textContent = "已复制"; setTimeout(function () { button.textContent = old; }, 1500); };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(box.value).then(done, function () { box.select(); document.execCommand("copy"); done(); });
  } else {
    box.select(); document.execCommand("copy"); done();
  }
}

function showChosen(input, list) {
  list.textContent = "尚未选择文件";
  var n = input.files.length;
  if (!n) return;
  var names = [];
  for (var i = 0; i < n && i < 10; i++) names.push(input.files[i].name);
  list.textContent = "已选择 " + n + " 个文件：" + names.join("、") + (n > 10 ? " 等" : "");
}

// After uploads, the parts of the page marked data-refresh (an office's state, its versions) as the
// server now shows them.
function refreshParts() {
  var parts = document.querySelectorAll("[data-refresh]");
  if (!parts.length) return;
  fetch(location.href, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    parts.forEach(function (old) {
      var now = fresh.getElementById(old.id);
      if (now) old.replaceWith(document.importNode(now, true));
    });
  });
}

// Upload the chosen files one by one, so that each file's verdict shows as soon as it is checked.
function uploadOneByOne(form) {
  var input = form.querySelector("input[type=file]");
  var files = Array.prototype.slice.call(input.files);
  if (!files.length) {  // nothing chosen: say so where the chosen files are listed, not nothing at all
    var chosen = document.getElementById("chosen");
    chosen.textContent = "还没有选择文件：请先点“选择文件”（或把文件拖到上面的框里），再点“上传并检查”。";
    chosen.classList.add("bad");
    return;
  }
  document.getElementById("chosen").classList.remove("bad");
  var out = document.getElementById("verdicts");
  var bar = document.getElementById("progress-bar");
  var text = document.getElementById("progress-text");
  var button = document.getElementById("send");
  document.getElementById("progress").hidden = false;
  out.textContent = "";
  bar.max = files.length; bar.value = 0;
  button.disabled = true;
  var csrf = form.querySelector("input[name=csrf]").value;
  var done = 0;
  var next = function () {
    if (done >= files.length) {
      var shown = out.querySelectorAll("article.verdict").length;
      text.textContent = "全部 " + files.length + " 个文件已检查完毕。" +
        (shown > files.length ? "压缩包里的文件逐个列在下面，共 " + shown + " 项。" : "");
      button.disabled = false; input.value = ""; document.getElementById("chosen").textContent = "尚未选择文件";
      refreshParts();
      return;
    }
    var file = files[done];
    text.textContent = "正在检查第 " + (done + 1) + " / " + files.length + " 个：" + file.name;
    var data = new FormData();
    data.append("csrf", csrf);
    data.append("files", file, file.name);
    fetch(form.action + "?part=1", { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.text().then(function (t) { return { ok: r.ok, status: r.status, text: t }; }); })
      .then(function (r) {
        var holder = document.createElement("div");
        if (r.ok) { holder.innerHTML = r.text; }
        else {
          var p = document.createElement("article"); p.className = "verdict card refused";
          var h = document.createElement("h3"); h.textContent = file.name; p.appendChild(h);
          var m = document.createElement("p"); m.className = "bad";
          // the server's own Chinese page says why and what to do (its .message); else a word of ours
          var said = new DOMParser().parseFromString(r.text, "text/html").querySelector(".message");
          m.textContent = said && said.textContent.trim() ? said.textContent.trim()
            : (r.status === 413 ? "文件过大，没有接收。请检查是否选错了文件，或分几次上传。" : "上传失败（" + r.status + "），请刷新页面后重试。");
          p.appendChild(m); holder.appendChild(p);
        }
        while (holder.firstChild) out.appendChild(holder.firstChild);
      }, function () {
        var p = document.createElement("p"); p.className = "bad";
        p.textContent = file.name + "：网络中断，没有上传。请重试。"; out.appendChild(p);
      })
      .then(function () { done += 1; bar.value = done; next(); });
  };
  next();
}

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-copy]").forEach(function (b) {
    b.addEventListener("click", function () { copyText(b.getAttribute("data-copy"), b); });
  });
  document.querySelectorAll("button[data-confirm]").forEach(function (b) {  // a step to think twice about
    if (b.form) b.form.addEventListener("submit", function (e) { if (!window.confirm(b.getAttribute("data-confirm"))) e.preventDefault(); });
  });
  document.querySelectorAll("[data-autosubmit]").forEach(function (s) {
    s.addEventListener("change", function () { s.form.submit(); });
  });
  document.querySelectorAll("[data-back]").forEach(function (a) {
    a.addEventListener("click", function (e) { e.preventDefault(); history.back(); });
  });
  document.querySelectorAll("[data-chosen-for]").forEach(function (list) {
    var picker = document.getElementById(list.getAttribute("data-chosen-for"));
    if (picker) picker.addEventListener("change", function () { showChosen(picker, list); });
  });
  var form = document.getElementById("upload-form");
  if (!form) return;
  var input = form.querySelector("input[type=file]");
  var drop = document.getElementById("drop");
  var chosen = document.getElementById("chosen");
  ["dragenter", "dragover"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) { input.files = e.dataTransfer.files; showChosen(input, chosen); });
  if (window.fetch && window.FormData) {
    form.addEventListener("submit", function (e) { e.preventDefault(); uploadOneByOne(form); });
  }
});
