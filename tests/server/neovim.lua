-- Neovim's own LSP client (no plugin): open a brief, start `wwrlint server` for it, wait
-- for its diagnostics and write them as JSON. Run by test_neovim.py with nvim --headless.
local brief, out = vim.env.WWRLINT_BRIEF, vim.env.WWRLINT_OUT
vim.cmd("edit " .. vim.fn.fnameescape(brief))
local buffer = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({
  name = "wwrlint",
  cmd = { vim.env.WWRLINT_PYTHON, "-m", "wwrlint", "server" },
  root_dir = vim.env.WWRLINT_ROOT,
})
vim.lsp.buf_attach_client(buffer, client)
vim.wait(30000, function()
  return #vim.diagnostic.get(buffer) > 0
end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(buffer)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(found, {
    line = d.lnum,
    column = d.col,
    code = d.code or lsp.code,
    source = d.source or lsp.source,
    message = d.message,
    severity = d.severity,
  })
end
vim.fn.writefile({ vim.fn.json_encode(found) }, out)
vim.lsp.stop_client(client)
vim.wait(5000, function()
  return vim.lsp.get_client_by_id(client) == nil
end, 50)
vim.cmd("qa!")
