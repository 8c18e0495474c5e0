# Unyo disk-space report (spec 6.d, 6.e) for Windows servers: posts each local fixed volume's usage to Unyo.
#
#   $env:UNYO_URL = 'https://unyo.example'; $env:UNYO_HOOK_TOKEN = 'uhk_...'; .\disk-report.ps1 [-HostName NAME]
#
# Schedule it daily with Task Scheduler (powershell.exe -NoProfile -ExecutionPolicy Bypass -File disk-report.ps1).
# The token is a monitoring hook token allowed to post generic alerts. The host name defaults to the computer name
# and must match a monitored target's match label `host` (or `instance`) for the target's thresholds to apply.
param([string]$HostName = $env:COMPUTERNAME)
$ErrorActionPreference = 'Stop'
if (-not $env:UNYO_URL) { throw 'Set UNYO_URL to the Unyo address' }
if (-not $env:UNYO_HOOK_TOKEN) { throw 'Set UNYO_HOOK_TOKEN to a monitoring hook token' }

# DriveType 3 = local fixed disk.
$volumes = Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType = 3' |
  Where-Object { $_.Size -gt 0 } |
  ForEach-Object { [ordered]@{ mount = $_.DeviceID; sizeBytes = [int64]$_.Size; usedBytes = [int64]($_.Size - $_.FreeSpace) } }

$body = [ordered]@{ host = $HostName; volumes = @($volumes) } | ConvertTo-Json -Depth 4 -Compress
$result = Invoke-RestMethod -Method Post -Uri "$($env:UNYO_URL)/api/v1/disk-reports" `
  -Headers @{ Authorization = "Bearer $($env:UNYO_HOOK_TOKEN)" } -ContentType 'application/json; charset=utf-8' `
  -Body ([System.Text.Encoding]::UTF8.GetBytes($body))
$result.volumes | Format-Table mount, usedPct, level
