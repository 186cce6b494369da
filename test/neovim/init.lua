-- News Lens in Neovim: runs `news-lens lsp` (the News Lens language server on stdio) for news
-- articles: *.article, *.news and any .txt file in a folder named `seeds`. Works with Neovim 0.7+.
--
--   nvim -u test/neovim/init.lua seeds/004_f9b9bb9c8095ce65.txt
--
-- Copy it into your own config and adapt the patterns. Without `news-lens` on PATH (npm link, or
-- a global install), set the command before this file runs, e.g.
--   nvim --cmd "lua vim.g.news_lens_cmd = { 'node', '/path/to/news-lens/dist/cli.js', 'lsp' }" …
local cmd = vim.g.news_lens_cmd or { 'news-lens', 'lsp' }
local patterns = vim.g.news_lens_patterns or { '*.article', '*.news', '*/seeds/*.txt' }

vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  pattern = patterns,
  callback = function(args)
    -- Setting the filetype first keeps the built-in detection from calling it plain `text`.
    vim.bo[args.buf].filetype = 'newsarticle'
  end,
})

-- The workspace the server indexes: the folder holding a `seeds` folder, else the nearest folder
-- upward with a `.git`, else the file's own folder.
local function root_for(buf)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h')
  if vim.fn.fnamemodify(dir, ':t') == 'seeds' then return vim.fn.fnamemodify(dir, ':h') end
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then return vim.fn.fnamemodify(git, ':p:h:h') end
  return dir
end

local client_ids = {}
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'newsarticle',
  callback = function(args)
    local root = root_for(args.buf)
    local config = {
      name = 'news-lens',
      cmd = cmd,
      root_dir = root,
      -- Answers the server's workspace/configuration request for `newsLens`.
      settings = { newsLens = { files = { '**/seeds/*.txt', '**/*.article', '**/*.news' } } },
      -- Kept for a status line or a check: why the server stopped.
      on_exit = function(code, signal) vim.g.news_lens_exit = { code = code, signal = signal } end,
    }
    if vim.lsp.start then
      vim.lsp.start(config) -- Neovim 0.8+: reuses a running client with the same name and root
    else
      -- Neovim 0.7: one client per root folder, started once.
      client_ids[root] = client_ids[root] or vim.lsp.start_client(config)
      vim.lsp.buf_attach_client(args.buf, client_ids[root])
    end
  end,
})

-- Hover with K, outline through vim.lsp.buf.document_symbol(), references with gr.
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'newsarticle',
  callback = function(args)
    local opts = { buffer = args.buf }
    vim.keymap.set('n', 'K', vim.lsp.buf.hover, opts)
    vim.keymap.set('n', 'gd', vim.lsp.buf.definition, opts)
    vim.keymap.set('n', 'gr', vim.lsp.buf.references, opts)
    vim.keymap.set('n', 'gO', vim.lsp.buf.document_symbol, opts)
  end,
})
