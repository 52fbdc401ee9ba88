// Town duty desk: presence, incoming calls with the alert's card, answer/decline, video call.
// Plain script, no build step. aiortc does not trickle ICE: we send the full SDP once gathering ends.
"use strict";

const I18N = {
  zh: {
    online: "在线", busy: "通话中", offline: "离线", waiting: "值守中，等待指挥大厅来电……",
    incoming: "指挥大厅来电", category: "类别", severity: "等级", location: "位置", caller: "呼叫人",
    answer: "接听", decline: "拒接", r_on_site: "正在现场处置", r_other: "正在处理其他事件",
    r_wrong_town: "不属于本镇", mute: "静音", unmute: "取消静音", camera_off: "关闭摄像头",
    camera_on: "打开摄像头", hangup: "挂断", connecting: "正在连接……", reconnecting: "网络中断，正在重连……",
    remote_reconnecting: "对方网络中断，正在重连……", no_camera: "本机无摄像头/麦克风：发送值守卡片和静音",
    ended: "通话已结束", taken: "已由本镇其他席位接听", auth_failed: "令牌无效，请联系指挥大厅",
    disconnected: "与指挥大厅的连接已断开，正在重连……",
    reasons: { normal: "正常挂断", declined: "已拒接", missed: "未接", busy: "忙线", offline: "离线",
               cancelled: "对方已取消", network_failure: "网络故障", media_failure: "媒体故障",
               caller_left: "大厅已离线", callee_left: "本席位已离线" },
    rtt: "往返", loss: "丢包", kbps: "kb/s", fps: "帧/秒",
  },
  en: {
    online: "Online", busy: "Busy", offline: "Offline", waiting: "On duty, waiting for calls from the command hall…",
    incoming: "Call from the command hall", category: "Category", severity: "Severity", location: "Location",
    caller: "Caller", answer: "Answer", decline: "Decline", r_on_site: "On site, handling it",
    r_other: "Busy with another incident", r_wrong_town: "Not our town", mute: "Mute", unmute: "Unmute",
    camera_off: "Camera off", camera_on: "Camera on", hangup: "Hang up", connecting: "Connecting…",
    reconnecting: "Network lost, reconnecting…", remote_reconnecting: "The hall's network is down, reconnecting…",
    no_camera: "No camera/microphone here: sending a card and silence", ended: "Call ended",
    taken: "Answered by another desk of this town", auth_failed: "Invalid token: contact the command hall",
    disconnected: "Connection to the hall lost, reconnecting…",
    reasons: { normal: "hung up", declined: "declined", missed: "missed", busy: "busy", offline: "offline",
               cancelled: "cancelled by the hall", network_failure: "network failure",
               media_failure: "media failure", caller_left: "the hall went offline",
               callee_left: "this desk went offline" },
    rtt: "RTT", loss: "loss", kbps: "kb/s", fps: "fps",
  },
};

const params = new URLSearchParams(location.search);
const token = params.get("token") || "";
let lang = params.get("lang") || ((navigator.language || "zh").startsWith("zh") ? "zh" : "en");
const $ = (id) => document.getElementById(id);

// Observable state (also read by the tests through window.town).
const town = window.town = {
  status: "offline", callId: null, incoming: null, pc: null, oldPcs: [], local: null,
  iceServers: [], reconnectWindowS: 20, lossTimeoutS: 2, media: "idle", lastEnd: null,
  stats: { framesDecoded: 0, framesSent: 0, rttMs: null, lossPct: 0, kbpsIn: 0, fpsIn: 0 },
  ws: null, muted: false, cameraOff: false,
};

function t(key) { return I18N[lang][key] || key; }
function applyLang() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  $("lang").textContent = lang === "zh" ? "EN" : "中文";
  if (town.welcome) $("town-name").textContent = lang === "zh" ? town.welcome.town_name : town.welcome.town_name_en;
  setPresence(town.status);
  $("mute").textContent = t(town.muted ? "unmute" : "mute");
  $("camera").textContent = t(town.cameraOff ? "camera_on" : "camera_off");
  showEnd();
}
$("lang").onclick = () => { lang = lang === "zh" ? "en" : "zh"; applyLang(); };

function setPresence(status) {
  town.status = status;
  const el = $("presence");
  el.className = "pill " + status;
  el.textContent = t(status);
}
function show(view) {
  for (const v of ["idle", "ringing", "incall"]) $(v).classList.toggle("hidden", v !== view);
}
function showEnd() {
  const e = town.lastEnd;
  $("last-end").textContent = e ? `${t("ended")}: ${e === "taken" ? t("taken") : (t("reasons")[e] || e)}` : "";
}
function banner(text) {
  $("media-state").textContent = text || "";
  $("media-state").classList.toggle("hidden", !text);
}

// ---- the hub link ---------------------------------------------------------------------------------
function send(msg) { if (town.ws && town.ws.readyState === 1) town.ws.send(JSON.stringify(msg)); }

function connect() {
  const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/town`);
  town.ws = ws;
  ws.onopen = () => ws.send(JSON.stringify({ type: "auth", token }));
  ws.onmessage = (ev) => onMessage(JSON.parse(ev.data));
  ws.onclose = (ev) => {
    setPresence("offline");
    if (ev.code === 4401) { $("idle-text").textContent = t("auth_failed"); return; }
    $("idle-text").textContent = t("disconnected");
    setTimeout(connect, 2000);
  };
}

async function onMessage(m) {
  switch (m.type) {
    case "welcome":
      town.welcome = m;
      $("town-name").textContent = lang === "zh" ? m.town_name : m.town_name_en;
      $("desk-name").textContent = m.desk;
      $("idle-text").textContent = t("waiting");
      break;
    case "call.config":
      town.iceServers = m.ice_servers || [];
      town.lossTimeoutS = m.loss_timeout_s || town.lossTimeoutS;
      town.reconnectWindowS = m.reconnect_window_s || town.reconnectWindowS;
      break;
    case "presence.self": setPresence(m.in_call ? "busy" : m.status); break;  // this desk, not the town
    case "call.incoming": ring(m); break;
    case "call.taken": endCall("taken", false); break;
    case "call.ended": if (m.call_id === town.callId) endCall(m.reason, false); break;
    case "call.reoffer": if (m.call_id === town.callId) await reoffer(m.sdp, m.attempt); break;
    case "call.media":
      if (m.call_id === town.callId && town.media === "connected") banner(m.state === "reconnecting" ? t("remote_reconnecting") : "");
      break;
    case "error": case "call.error": console.warn("hub:", m); break;
  }
}

// ---- ringing --------------------------------------------------------------------------------------
let ringTimer = null, audioCtx = null;
function ringTone(on) {
  clearInterval(ringTimer); ringTimer = null;
  if (!on) { flashTitle(false); return; }
  try {
    audioCtx = audioCtx || new AudioContext();
    const beep = () => {
      const o = audioCtx.createOscillator(), g = audioCtx.createGain();
      o.frequency.value = 880; g.gain.value = 0.08; o.connect(g).connect(audioCtx.destination);
      o.start(); o.stop(audioCtx.currentTime + 0.4);
    };
    beep(); ringTimer = setInterval(beep, 1500);
  } catch (e) { /* no audio output: the card still flashes */ }
}

// Browsers keep audio silent until the page was touched once: unlock on the first interaction, and
// flash the tab title while ringing so a desk in another tab still notices.
document.addEventListener("pointerdown", () => {
  try { audioCtx = audioCtx || new AudioContext(); if (audioCtx.state === "suspended") audioCtx.resume(); } catch (e) { /* none */ }
}, { once: false });
let titleTimer = null;
const baseTitle = document.title;
function flashTitle(on) {
  clearInterval(titleTimer); document.title = baseTitle;
  if (on) titleTimer = setInterval(() => { document.title = document.title === baseTitle ? `📞 ${t("incoming")}` : baseTitle; }, 800);
}

function ring(m) {
  if (town.callId) return;
  town.callId = m.call_id; town.incoming = m; town.lastEnd = null;
  const a = m.alert || {};
  $("ctx-title").textContent = a.title || "";
  $("ctx-category").textContent = a.category || "-";
  $("ctx-severity").textContent = a.severity || "-";
  $("ctx-location").textContent = a.address || a.location || "-";
  $("ctx-caller").textContent = m.caller_name || m.caller || "";
  const img = $("ctx-snapshot");
  if (a.snapshot) { img.src = a.snapshot; img.classList.remove("hidden"); } else img.classList.add("hidden");
  $("ctx-incall").textContent = `${a.title || ""} · ${m.caller_name || m.caller || ""}`;
  show("ringing"); ringTone(true); flashTitle(true);
  send({ type: "call.ringing", call_id: m.call_id });
}

$("decline").onclick = () => {
  if (!town.callId) return;
  send({ type: "call.decline", call_id: town.callId, reason: $("decline-reason").selectedOptions[0].textContent });
  endCall("declined", false);
};

// ---- media ----------------------------------------------------------------------------------------
// A desk without camera/microphone still sends something: a card (town, time) and silence, so the
// hall sees the call is alive (its loss detection watches inbound media).
function cardStream(withVideo, withAudio) {
  const out = new MediaStream();
  if (withVideo) {
    const c = document.createElement("canvas"); c.width = 640; c.height = 360;
    const g = c.getContext("2d");
    const draw = () => {
      g.fillStyle = "#143c28"; g.fillRect(0, 0, c.width, c.height);
      g.fillStyle = "#fff"; g.font = "bold 30px sans-serif";
      g.fillText($("town-name").textContent || "", 30, 150);
      g.font = "22px sans-serif"; g.fillText(t("no_camera"), 30, 200);
      g.fillText(new Date().toLocaleTimeString(), 30, 320);
    };
    draw(); setInterval(draw, 66);  // captureStream emits a frame only when the canvas is painted
    c.captureStream(15).getVideoTracks().forEach((tr) => out.addTrack(tr));
  }
  if (withAudio) {
    audioCtx = audioCtx || new AudioContext();
    const dest = audioCtx.createMediaStreamDestination();
    const o = audioCtx.createOscillator(), gain = audioCtx.createGain();
    gain.gain.value = 0; o.connect(gain).connect(dest); o.start();
    dest.stream.getAudioTracks().forEach((tr) => out.addTrack(tr));
  }
  return out;
}

async function localStream() {
  if (town.local) return town.local;
  let stream = null;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: true });
  } catch (e) {
    for (const c of [{ video: true }, { audio: true }]) {
      try { stream = await navigator.mediaDevices.getUserMedia(c); break; } catch (e2) { /* next */ }
    }
  }
  stream = stream || new MediaStream();
  const noVideo = stream.getVideoTracks().length === 0, noAudio = stream.getAudioTracks().length === 0;
  if (noVideo || noAudio) {
    cardStream(noVideo, noAudio).getTracks().forEach((tr) => stream.addTrack(tr));
    banner(t("no_camera")); town.noDevices = true;
  }
  town.local = stream;
  $("local").srcObject = town.local;
  return town.local;
}

function gathered(pc) {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { if (pc.iceGatheringState === "complete") resolve(); };
    pc.addEventListener("icegatheringstatechange", done);
    setTimeout(resolve, 3000);  // send what we have: host candidates come first
  });
}

async function answerOffer(sdp) {
  const stream = await localStream();
  const pc = new RTCPeerConnection({ iceServers: town.iceServers });
  stream.getTracks().forEach((tr) => pc.addTrack(tr, stream));
  pc.ontrack = (ev) => {
    const rs = $("remote").srcObject instanceof MediaStream ? $("remote").srcObject : new MediaStream();
    rs.getTracks().filter((x) => x.kind === ev.track.kind).forEach((x) => rs.removeTrack(x));
    rs.addTrack(ev.track); $("remote").srcObject = rs;
  };
  pc.onconnectionstatechange = () => {
    if (pc.connectionState === "connected" && pc !== town.pc) {  // a renegotiation took over
      const old = town.pc; town.pc = pc; if (old) old.close();
    }
  };
  await pc.setRemoteDescription({ type: "offer", sdp });
  await pc.setLocalDescription(await pc.createAnswer());
  await gathered(pc);
  return { pc, sdp: pc.localDescription.sdp };
}

$("answer").onclick = async () => {
  if (!town.callId || town.pc) return;
  ringTone(false);
  show("incall"); banner(t("connecting")); town.media = "connecting";
  const callId = town.callId;
  const { pc, sdp } = await answerOffer(town.incoming.sdp);
  if (town.callId !== callId) { pc.close(); return; }
  town.pc = pc; startClock();
  send({ type: "call.answer", call_id: callId, sdp });
};

async function reoffer(sdp, attempt) {
  const { pc, sdp: answer } = await answerOffer(sdp);
  if (!town.pc) town.pc = pc;
  send({ type: "call.reanswer", call_id: town.callId, sdp: answer, attempt });
}

$("mute").onclick = () => {
  town.muted = !town.muted;
  (town.local ? town.local.getAudioTracks() : []).forEach((tr) => { tr.enabled = !town.muted; });
  $("mute").classList.toggle("on", town.muted); $("mute").textContent = t(town.muted ? "unmute" : "mute");
};
$("camera").onclick = () => {
  town.cameraOff = !town.cameraOff;
  (town.local ? town.local.getVideoTracks() : []).forEach((tr) => { tr.enabled = !town.cameraOff; });
  $("camera").classList.toggle("on", town.cameraOff); $("camera").textContent = t(town.cameraOff ? "camera_on" : "camera_off");
};
$("hangup").onclick = () => {
  if (town.callId) send({ type: "call.hangup", call_id: town.callId, reason: "normal" });
  endCall("normal", false);
};

// ---- timer, quality, loss -------------------------------------------------------------------------
let clock = null, started = 0, lastPackets = -1, lastBytes = 0, lastFrames = 0, lastT = 0, silentSince = 0, lastPc = null;
function startClock() {
  started = Date.now(); lastPackets = -1; silentSince = 0;
  clearInterval(clock);
  clock = setInterval(tick, 1000);
}

async function tick() {
  const s = Math.floor((Date.now() - started) / 1000);
  $("timer").textContent = `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  if (!town.pc) return;
  let packets = 0, bytes = 0, frames = 0, sent = 0, rtt = null, lost = 0;
  if (town.pc !== lastPc) { lastPc = town.pc; lastPackets = -1; lastBytes = 0; lastFrames = 0; }  // renegotiated
  const report = await town.pc.getStats();
  report.forEach((r) => {
    if (r.type === "inbound-rtp") { packets += r.packetsReceived || 0; bytes += r.bytesReceived || 0; lost += r.packetsLost || 0;
      if (r.kind === "video") frames += r.framesDecoded || 0; }
    if (r.type === "outbound-rtp" && r.kind === "video") sent += r.framesSent || 0;
    if (r.type === "candidate-pair" && r.nominated && r.currentRoundTripTime != null) rtt = r.currentRoundTripTime * 1000;
  });
  const now = performance.now(), dt = lastT ? (now - lastT) / 1000 : 1;
  const st = town.stats;
  st.fpsIn = Math.max(0, (frames - lastFrames) / dt); st.kbpsIn = Math.max(0, (bytes - lastBytes) * 8 / dt / 1000);
  st.framesDecoded = frames; st.framesSent = sent; st.rttMs = rtt; st.lossPct = packets + lost ? 100 * lost / (packets + lost) : 0;
  lastFrames = frames; lastBytes = bytes; lastT = now;
  $("quality").textContent = `${t("rtt")} ${rtt == null ? "-" : rtt.toFixed(0) + " ms"} · ${t("loss")} ${st.lossPct.toFixed(1)}% · ` +
    `${st.kbpsIn.toFixed(0)} ${t("kbps")} · ${st.fpsIn.toFixed(0)} ${t("fps")}`;
  // Liveness: no inbound packets for lossTimeoutS = reconnecting (the hall renegotiates).
  if (packets > 0 && packets > lastPackets) {
    if (town.media !== "connected") { town.media = "connected"; banner(town.noDevices ? t("no_camera") : ""); send({ type: "call.media", call_id: town.callId, state: "connected" }); }
    silentSince = 0;
  } else if (lastPackets >= 0 && town.media === "connected") {
    silentSince = silentSince || Date.now();
    if (Date.now() - silentSince >= town.lossTimeoutS * 1000) {
      town.media = "reconnecting"; banner(t("reconnecting"));
      send({ type: "call.media", call_id: town.callId, state: "reconnecting" });
    }
  } else if (town.media === "reconnecting" && Date.now() - silentSince > (town.reconnectWindowS + 5) * 1000) {
    send({ type: "call.hangup", call_id: town.callId, reason: "network_failure" });
    endCall("network_failure", false);
  }
  lastPackets = packets;
}

function endCall(reason) {
  ringTone(false); clearInterval(clock);
  if (town.pc) town.pc.close();
  town.pc = null; town.callId = null; town.incoming = null; town.media = "idle"; town.lastEnd = reason;
  $("remote").srcObject = null; banner("");
  show("idle"); showEnd();
}

applyLang();
if (!token) { $("idle-text").textContent = t("auth_failed"); } else { connect(); }
