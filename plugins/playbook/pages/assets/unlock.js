/* Opens a page of an encrypted playbook (the `encrypted` profile; plugins/playbook/builder/lock.py).
 *
 * The page holds the real one sealed: AES-256-GCM under a key derived from the passphrase by
 * PBKDF2-HMAC-SHA256 and the build's random salt. Only the browser's own Web Crypto is used.
 * Every sealed item is bound to its address (authenticated with it, seal.py): a page is opened
 * with the address it is at, so one moved to another page's address is refused as changed.
 * Items are padded to a size bucket: 4 bytes of length, the data, zeros.
 * The derived key (never the passphrase) is kept in sessionStorage: the tab's session unlocks
 * once, and every page, reload and search after that opens without asking.
 *
 * Once open, the real page replaces this one whole (document.write), so the theme's scripts run
 * as on any page: navigation, search, the palette toggle, copy buttons, printing. The theme
 * fetches its search index with XMLHttpRequest; that request is answered with the index opened
 * here. A link with a `download` attribute to a sealed file (the calendar) saves it opened.
 *
 * No cryptography is done here but by Web Crypto: PBKDF2 derives, AES-GCM decrypts and checks.
 */
(() => {
  "use strict";

  const MESSAGES = {
    locked: "This playbook is encrypted. Its passphrase opens it.",
    again: "The playbook was built again since you unlocked it: enter the passphrase once more.",
    working: "Unlocking…",
    wrong: "That passphrase does not open this playbook. Check it and try again.",
    changed:
      "This page was changed after it was built, so it is not shown. " +
      "Build the playbook again and upload it whole.",
    insecure:
      "This browser decrypts only on a secure connection: open the playbook over https " +
      "(or from localhost).",
    failed: "This page could not be opened here: ",
  };
  // A playbook in another language carries these words translated (pages/script_words.py).
  const translated = document.getElementById("pb-words");
  if (translated) Object.assign(MESSAGES, JSON.parse(translated.textContent));

  const root = new URL("../../", document.currentScript.src); // assets/playbook/unlock.js
  const CHECK_ADDRESS = "(check)";
  const ANYWHERE = "404.html"; // the page served at any address (seal.ANYWHERE)
  const storage = `interview-playbook.key:${root.pathname}`;
  const envelope = JSON.parse(document.getElementById("pb-sealed").textContent);
  const status = document.getElementById("pb-lock-status");
  const form = document.getElementById("pb-lock-form");
  const field = document.getElementById("pb-passphrase");

  const bytes = (hex) => {
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return out;
  };
  const hex = (buffer) =>
    Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

  // The locked page shows only once it has something to say (unlock.css delays it, so that
  // pages opened with the session's key do not flash it).
  function say(message) {
    status.textContent = message;
    status.closest("main").style.animation = "none";
  }

  async function derive(passphrase) {
    const material = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(passphrase.normalize("NFC")),
      "PBKDF2",
      false,
      ["deriveKey"],
    );
    return crypto.subtle.deriveKey(
      { name: "PBKDF2", hash: "SHA-256", salt: bytes(envelope.salt), iterations: envelope.iterations },
      material,
      { name: "AES-GCM", length: 256 },
      true, // exported once, into sessionStorage
      ["decrypt"],
    );
  }

  // Where an item of the site is, as the build bound it (seal.page_address): the path under
  // the site's root, a page's `index.html` left out.
  function addressOf(url) {
    const path = decodeURIComponent(new URL(url, location.href).pathname);
    const base = decodeURIComponent(root.pathname);
    const under = path.startsWith(base) ? path.slice(base.length) : path;
    return under === "index.html" || under.endsWith("/index.html")
      ? under.slice(0, -"index.html".length)
      : under;
  }

  async function decrypt(key, sealed, address) {
    const data = bytes(sealed);
    const plain = await crypto.subtle.decrypt(
      {
        name: "AES-GCM",
        iv: data.subarray(0, 12),
        additionalData: new TextEncoder().encode(`${envelope.format} at ${address}`),
      },
      key,
      data.subarray(12),
    );
    return new Uint8Array(plain);
  }

  async function opens(key) {
    try {
      await decrypt(key, envelope.check, CHECK_ADDRESS);
      return true;
    } catch {
      return false;
    }
  }

  async function contents(key, sealed, address) {
    const padded = await decrypt(key, sealed.data, sealed.anywhere ? ANYWHERE : address);
    const length = new DataView(padded.buffer, padded.byteOffset).getUint32(0);
    if (length > padded.length - 4) throw new Error("changed");
    const packed = padded.subarray(4, 4 + length);
    if (sealed.compression !== "gzip") return new Blob([packed]);
    const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).blob();
  }

  async function remembered() {
    try {
      const kept = JSON.parse(sessionStorage.getItem(storage) || "null");
      if (!kept) return null;
      if (kept.salt !== envelope.salt) return "again";
      return await crypto.subtle.importKey("raw", bytes(kept.key), "AES-GCM", false, ["decrypt"]);
    } catch {
      return null;
    }
  }

  async function remember(key) {
    const raw = await crypto.subtle.exportKey("raw", key);
    try {
      sessionStorage.setItem(storage, JSON.stringify({ salt: envelope.salt, key: hex(raw) }));
    } catch {
      // Storage refused (a private window, say): this page opens; the next one asks again.
    }
  }

  // The theme's request for the search index, answered with the index opened with this key.
  function openSearchIndex(key) {
    const index = new URL("search/search_index.json", root).href;
    const { open, send } = XMLHttpRequest.prototype;
    let opened = null;
    XMLHttpRequest.prototype.open = function (method, url, ...rest) {
      this.pbSealed = new URL(url, location.href).href === index;
      return open.call(this, method, url, ...rest);
    };
    XMLHttpRequest.prototype.send = function (body) {
      if (!this.pbSealed) return send.call(this, body);
      opened = opened || fetched(key, index);
      opened.then(
        (blob) => {
          open.call(this, "GET", URL.createObjectURL(blob));
          send.call(this);
        },
        () => this.dispatchEvent(new ProgressEvent("error")),
      );
    };
  }

  // A file of the site, opened if it is sealed (seal.FILE_START), else as it is.
  async function fetched(key, url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const blob = await response.blob();
    const sealedStart = `{"format":${JSON.stringify(envelope.format)}`;
    if ((await blob.slice(0, sealedStart.length).text()) !== sealedStart) return blob;
    return contents(key, JSON.parse(await blob.text()), addressOf(url));
  }

  // A link with a `download` attribute saves the file opened (the calendar is sealed).
  function openDownloads(key) {
    document.addEventListener("click", async (event) => {
      const link = event.target.closest && event.target.closest("a[download]");
      if (!link || new URL(link.href).origin !== location.origin) return;
      event.preventDefault();
      try {
        const blob = await fetched(key, link.href);
        const save = document.createElement("a");
        save.href = URL.createObjectURL(blob);
        save.download = link.getAttribute("download") || link.pathname.split("/").pop();
        save.click();
      } catch {
        alert(MESSAGES.changed);
      }
    });
  }

  async function show(key) {
    let page;
    try {
      page = await (await contents(key, envelope, addressOf(location.href))).text();
    } catch {
      form.hidden = true;
      say(MESSAGES.changed);
      return;
    }
    openSearchIndex(key);
    document.open();
    document.write(page);
    document.close();
    openDownloads(key);
    // A written page does not scroll to its #fragment by itself (a search result's section).
    if (location.hash) {
      const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
  }

  async function unlock(event) {
    event.preventDefault();
    const passphrase = field.value;
    field.value = "";
    field.disabled = true;
    say(MESSAGES.working);
    try {
      const key = await derive(passphrase);
      if (!(await opens(key))) {
        say(MESSAGES.wrong);
        return;
      }
      await remember(key);
      await show(key);
    } finally {
      field.disabled = false;
      if (document.contains(field)) field.focus();
    }
  }

  async function start() {
    if (!window.isSecureContext || !window.crypto || !crypto.subtle) {
      say(MESSAGES.insecure);
      return;
    }
    const key = await remembered();
    if (key && key !== "again" && (await opens(key))) {
      await show(key);
      return;
    }
    say(key === "again" ? MESSAGES.again : MESSAGES.locked);
    form.addEventListener("submit", unlock);
    form.hidden = false;
    field.focus();
  }

  start().catch((error) => say(MESSAGES.failed + error));
})();
