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

local client_id = nil
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'newsarticle',
  callback = function(args)
    local config = {
      name = 'news-lens',
      cmd = cmd,
      root_dir = vim.fn.getcwd(),
      -- Answers the server's workspace/configuration request for `newsLens`.
      settings = { newsLens = { files = { '**/seeds/*.txt', '**/*.article', '**/*.news' } } },
    }
    if vim.lsp.start then
      vim.lsp.start(config) -- Neovim 0.8+: reuses a running client with the same name and root
    else
      client_id = client_id or vim.lsp.start_client(config)
      vim.lsp.buf_attach_client(args.buf, client_id)
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
