-- Run by neovim.test.ts inside `nvim --headless -u init.lua`, with the seed 004 as current buffer:
-- waits for the News Lens client to attach and initialize, asks hover (on "Aleppo") and
-- documentSymbol through Neovim's own LSP client, writes what came back to $NEWSLENS_NVIM_OUT
-- as JSON, and quits (exit code 0; 1 when it could not even ask).
local out = os.getenv('NEWSLENS_NVIM_OUT')
local timeout = tonumber(os.getenv('NEWSLENS_NVIM_TIMEOUT_MS') or '30000')
local result = { filetype = vim.bo.filetype }

local function finish(code)
  local file = assert(io.open(out, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd(code == 0 and 'qa!' or 'cq!')
end

local function clients()
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = 0 }) end
  return vim.lsp.buf_get_clients(0)
end

local function ready_client()
  for _, client in pairs(clients()) do
    if client.name == 'news-lens' and client.initialized ~= false and client.server_capabilities then return client end
  end
  return nil
end

local ok, err = pcall(function()
  local started = vim.loop.hrtime()
  local attached = vim.wait(timeout, function() return ready_client() ~= nil or vim.g.news_lens_exit ~= nil end, 50)
  if vim.g.news_lens_exit ~= nil then
    error('the news-lens server exited before it could answer (exit code ' .. tostring(vim.g.news_lens_exit.code) .. ', signal ' .. tostring(vim.g.news_lens_exit.signal) .. ')')
  end
  if not attached then
    error('the news-lens client did not attach and initialize within ' .. timeout .. ' ms')
  end
  result.attach_ms = math.floor((vim.loop.hrtime() - started) / 1e6)
  local client = ready_client()
  result.capabilities = {
    hover = client.server_capabilities.hoverProvider and true or false,
    documentSymbol = client.server_capabilities.documentSymbolProvider and true or false,
  }

  -- "Aleppo" on the fourth line of 004.
  local line = 3
  local text = vim.api.nvim_buf_get_lines(0, line, line + 1, false)[1] or ''
  local column = (text:find('Aleppo', 1, true) or 0) - 1
  if column < 0 then error('"Aleppo" is not on line 4: ' .. text) end
  local uri = vim.uri_from_bufnr(0)

  local function ask(method, params)
    local responses, request_err = vim.lsp.buf_request_sync(0, method, params, timeout)
    if not responses then error(method .. ': ' .. tostring(request_err)) end
    for _, response in pairs(responses) do
      if response.error then error(method .. ': ' .. vim.inspect(response.error)) end
      return response.result
    end
    return nil
  end

  -- The character is a UTF-16 offset; the line's text before "Aleppo" is ASCII.
  result.hover = ask('textDocument/hover', { textDocument = { uri = uri }, position = { line = line, character = column + 2 } })
  result.symbols = ask('textDocument/documentSymbol', { textDocument = { uri = uri } })
end)

-- Why the server failed, as Neovim saw it: the last lines of its LSP log (the server's stderr,
-- its exit, spawn errors are logged there).
local function lsp_log_tail(lines)
  local ok_path, path = pcall(vim.lsp.get_log_path)
  if not ok_path or vim.fn.filereadable(path) == 0 then return nil end
  local all = vim.fn.readfile(path)
  local tail = {}
  for _, line in ipairs(vim.list_slice(all, math.max(1, #all - lines + 1), #all)) do
    table.insert(tail, #line > 400 and (line:sub(1, 400) .. '…') or line)
  end
  return table.concat(tail, '\n')
end

if not ok then
  result.error = tostring(err)
  result.lsp_log = lsp_log_tail(25)
  local any = {}
  for _, client in pairs(clients()) do table.insert(any, client.name) end
  result.attached_clients = any
  finish(1)
else
  finish(0)
end
