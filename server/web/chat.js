// The web chat: sends each message to POST /api/chat and shows the AI SDK UI message stream as it
// arrives (answer text as Markdown, tool calls and crawl progress as one line each). The thread id,
// the API token (when the server needs one) and the transcript are kept in localStorage, so a
// reload continues the same conversation.
import { Marked } from '/assets/marked.js';

const KEYS = { thread: 'jobhound.threadId', token: 'jobhound.token', transcript: 'jobhound.transcript' };
/** Messages kept for showing again after a reload (the server keeps the whole thread). */
const KEPT_MESSAGES = 60;

const $ = (id) => document.getElementById(id);
const log = $('log');
const composer = $('composer');
const input = $('message');
const send = $('send');
const stop = $('stop');
const tokenForm = $('token-form');

const escapeHtml = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

/** Only web and mail links become links; anything else (javascript:, data:) stays text. */
const safeHref = (href) => {
  try {
    const url = new URL(href, location.href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
};

// Answers quote scraped text: raw HTML in them is shown as text, never as markup.
const markdown = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    link({ href, tokens }) {
      const label = this.parser.parseInline(tokens);
      const url = safeHref(href);
      return url
        ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer nofollow">${label}</a>`
        : label;
    },
    image({ href, text }) {
      return escapeHtml(text || href);
    },
  },
});

function loadTranscript() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEYS.transcript) ?? '[]');
    return Array.isArray(saved) ? saved : [];
  } catch {
    return [];
  }
}
let transcript = loadTranscript();
const saveTranscript = () => {
  transcript = transcript.slice(-KEPT_MESSAGES);
  localStorage.setItem(KEYS.transcript, JSON.stringify(transcript));
};

function scrollDown() {
  log.scrollTop = log.scrollHeight;
}

function addUserMessage(text) {
  $('hint')?.remove();
  const div = document.createElement('div');
  div.className = 'message user';
  div.textContent = text;
  log.append(div);
  scrollDown();
}

/** An assistant message: a list of tool activity, then the answer. */
function addAssistantMessage() {
  $('hint')?.remove();
  const div = document.createElement('div');
  div.className = 'message assistant';
  const activity = document.createElement('ul');
  activity.className = 'activity';
  const answer = document.createElement('div');
  answer.className = 'answer';
  div.append(activity, answer);
  log.append(div);
  let text = '';
  let pending = false;
  const render = () => {
    pending = false;
    answer.innerHTML = markdown.parse(text);
    scrollDown();
  };
  const lines = new Map();
  const line = (id, content, failed = false) => {
    let li = lines.get(id);
    if (!li) {
      li = document.createElement('li');
      lines.set(id, li);
      activity.append(li);
    }
    li.textContent = content;
    li.classList.toggle('failed', failed);
    scrollDown();
  };
  return {
    element: div,
    get text() {
      return text;
    },
    append(delta) {
      text += delta;
      if (!pending) {
        pending = true;
        requestAnimationFrame(render);
      }
    },
    setText(value) {
      text = value;
      render();
    },
    line,
    error(message) {
      const p = document.createElement('p');
      p.className = 'message error';
      p.textContent = message;
      div.append(p);
      scrollDown();
    },
  };
}

const toolLabel = (agent, toolName) =>
  toolName.startsWith('agent-')
    ? `asking the ${toolName.slice(6)}…`
    : `${agent ? `${agent}: ` : ''}${toolName}`;

/** Reads Server-Sent Events from a response body, one parsed `data:` payload at a time. */
async function* events(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      if (data === '[DONE]') return;
      if (data) yield JSON.parse(data);
      end = buffer.indexOf('\n\n');
    }
  }
}

/** What a refused request says, from the server's JSON error body when there is one. */
async function refusal(response) {
  try {
    const body = await response.json();
    if (body?.error?.message) return body.error.message;
  } catch {
    // not JSON
  }
  return `the server answered ${response.status} ${response.statusText}`;
}

let controller = null;
const setBusy = (busy) => {
  send.hidden = busy;
  stop.hidden = !busy;
  input.disabled = busy;
  if (!busy) input.focus();
};

/** Shows the streamed answer in `reply`: text as Markdown, tool calls and progress as lines. */
async function showAnswer(response, reply) {
  const tools = new Map();
  for await (const chunk of events(response.body)) {
    switch (chunk.type) {
      case 'start':
        if (chunk.messageMetadata?.threadId)
          localStorage.setItem(KEYS.thread, chunk.messageMetadata.threadId);
        break;
      case 'text-delta':
        reply.append(chunk.delta);
        break;
      case 'tool-input-available':
        tools.set(chunk.toolCallId, toolLabel(chunk.toolMetadata?.agent, chunk.toolName));
        reply.line(chunk.toolCallId, `⏳ ${tools.get(chunk.toolCallId)}`);
        break;
      case 'tool-output-available':
        reply.line(chunk.toolCallId, `✓ ${tools.get(chunk.toolCallId) ?? 'done'}`);
        break;
      case 'tool-output-error':
        reply.line(chunk.toolCallId, `✗ ${tools.get(chunk.toolCallId) ?? 'tool'}: ${chunk.errorText}`, true);
        break;
      case 'data-progress': {
        const p = chunk.data ?? {};
        const count = p.total ? `${p.done}/${p.total}` : `${p.done}`;
        reply.line(chunk.id, `${p.toolName}: ${count}${p.message ? ` — ${p.message}` : ''}`);
        break;
      }
      case 'error':
        reply.error(chunk.errorText);
        break;
    }
  }
  reply.setText(reply.text);
}

/** Bumped by "New chat": an answer still streaming for the old conversation is not kept. */
let conversation = 0;

async function chat(message) {
  const started = conversation;
  const reply = addAssistantMessage();
  let startOver = false;
  controller = new AbortController();
  setBusy(true);
  try {
    const threadId = localStorage.getItem(KEYS.thread);
    const response = await fetch('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      body: JSON.stringify({ message, ...(threadId ? { threadId } : {}) }),
      signal: controller.signal,
    });
    if (response.status === 401) {
      reply.element.remove();
      askForToken(() => chat(message));
      return;
    }
    if (response.status === 404 && threadId) {
      // The conversation is gone (another database, or deleted): start a new one.
      localStorage.removeItem(KEYS.thread);
      reply.element.remove();
      startOver = true;
    } else if (!response.ok) {
      reply.error(await refusal(response));
    } else {
      await showAnswer(response, reply);
    }
  } catch (error) {
    if (error.name === 'AbortError') reply.error('Stopped.');
    else reply.error(`Could not reach Jobhound: ${error.message}`);
  } finally {
    controller = null;
    setBusy(false);
  }
  // Once this call has let go of the composer, so the new one owns it.
  if (startOver) return chat(message);
  if (started !== conversation) return;
  if (reply.text) transcript.push({ role: 'assistant', text: reply.text });
  saveTranscript();
}

/** What to do again once the user gives the token the server asked for. */
let pending = null;

/** The server wants a token: ask for it, and run `again` once it is given. */
function askForToken(again) {
  localStorage.removeItem(KEYS.token);
  pending = again;
  tokenForm.hidden = false;
  $('token').focus();
}

const authHeaders = () => {
  const token = localStorage.getItem(KEYS.token);
  return token ? { authorization: `Bearer ${token}` } : {};
};

async function submit(message) {
  addUserMessage(message);
  transcript.push({ role: 'user', text: message });
  await chat(message);
}

/** The file as base64, without the data: URL prefix. */
const base64Of = (file) =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/** Stores a resume file through POST /api/v1/resume and says what was read from it. */
async function uploadResume(file) {
  const reply = addAssistantMessage();
  reply.line('upload', `⏳ reading ${file.name}`);
  let text = '';
  try {
    const response = await fetch('/api/v1/resume', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      body: JSON.stringify({ fileBase64: await base64Of(file), fileName: file.name }),
    });
    if (response.status === 401) {
      reply.element.remove();
      askForToken(() => uploadResume(file));
      return;
    }
    if (!response.ok) {
      reply.line('upload', `✗ ${file.name}`, true);
      reply.error(await refusal(response));
      return;
    }
    const body = await response.json();
    reply.line('upload', `✓ ${file.name}`);
    text = `${body.message}\n\nAsk “show my matches” to see the jobs that fit it best.`;
    reply.setText(text);
  } catch (error) {
    reply.error(`Could not upload ${file.name}: ${error.message}`);
  }
  if (text) transcript.push({ role: 'assistant', text });
  saveTranscript();
}

composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const message = input.value.trim();
  if (!message || controller) return;
  input.value = '';
  void submit(message);
});

input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    composer.requestSubmit();
  }
});

stop.addEventListener('click', () => controller?.abort());

$('resume-file').addEventListener('change', (event) => {
  const file = event.target.files?.[0];
  event.target.value = '';
  if (!file) return;
  addUserMessage(`📎 ${file.name}`);
  transcript.push({ role: 'user', text: `📎 ${file.name}` });
  void uploadResume(file);
});

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('token').value.trim();
  if (!token) return;
  localStorage.setItem(KEYS.token, token);
  $('token').value = '';
  tokenForm.hidden = true;
  const again = pending;
  pending = null;
  if (again) void again();
});

$('new-chat').addEventListener('click', () => {
  conversation += 1;
  controller?.abort();
  localStorage.removeItem(KEYS.thread);
  transcript = [];
  saveTranscript();
  for (const m of log.querySelectorAll('.message')) m.remove();
  input.focus();
});

// Show the conversation kept from before a reload.
for (const m of transcript) {
  if (m.role === 'user') addUserMessage(m.text);
  else addAssistantMessage().setText(m.text);
}
input.focus();
