-- Argo CD health of a Flowline PipelineRun: resource.customizations.health.flowline.io_PipelineRun
-- Progressing while Pending, Queued, Running or Stopping; Suspended while Paused; Healthy once Succeeded;
-- Degraded once Failed or Cancelled. The message is the run's own (or its phase and progress).
local hs = {}
local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Flowline operator to start the run"
  return hs
end
local phase = status.phase
local message = status.message
if message == nil or message == "" then
  message = phase
  if status.progress ~= nil then
    message = message .. " (" .. status.progress .. " nodes finished)"
  end
end
if phase == "Succeeded" then
  hs.status = "Healthy"
elseif phase == "Failed" or phase == "Cancelled" then
  hs.status = "Degraded"
elseif phase == "Paused" then
  hs.status = "Suspended"
else
  hs.status = "Progressing"
end
hs.message = message
return hs
