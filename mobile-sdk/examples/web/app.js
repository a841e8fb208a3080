// A live thread in a web page: sign in, show the thread, append replies as they come.
// Open it as examples/web/index.html?api=<GraphQL URL>&thread=<thread id>.
import { ThreadDocument, createVillageClient, indexedDbStorage } from '../../dist/index.js';

const params = new URLSearchParams(location.search);
// IndexedDB, as a PWA whose service worker reads the session too would keep it.
const client = createVillageClient({ url: params.get('api') ?? '/graphql', storage: indexedDbStorage('village-example') });
const threadId = params.get('thread') ?? '';
const $ = (id) => document.getElementById(id);

function showReply(reply) {
  const item = document.createElement('li');
  item.dataset.id = reply.id;
  const author = document.createElement('span');
  author.className = 'author';
  // A visible reply with no author was posted anonymously.
  const anonymous = reply.state === 'VISIBLE' && !reply.author;
  author.textContent = anonymous ? 'Anonymous member' : (reply.author?.displayName ?? '');
  item.append(author, reply.body ?? '(removed)');
  $('replies').append(item);
}

async function openThread() {
  const { thread } = await client.request(ThreadDocument, { id: threadId, first: 50 });
  $('title').textContent = thread.title;
  $('body').textContent = thread.body;
  thread.replies.edges.forEach((edge) => showReply(edge.node));
  $('sign-in').hidden = true;
  $('thread').hidden = false;
  await client.liveThread(threadId, {
    after: thread.replies.pageInfo.endCursor,
    onUpdate: (update) => update.kind === 'REPLY_POSTED' && update.reply && showReply(update.reply),
    onError: (error) => ($('error').textContent = error.message),
  });
}

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.currentTarget);
  try {
    await client.signIn({ email: String(form.get('email')), password: String(form.get('password')) });
    await openThread();
  } catch (error) {
    $('error').textContent = error.message;
  }
});

$('sign-out').addEventListener('click', async () => {
  await client.signOut();
  location.reload();
});

if (await client.isSignedIn()) await openThread();
