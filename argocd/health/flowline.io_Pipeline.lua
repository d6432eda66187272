-- Argo CD health of a Flowline Pipeline: resource.customizations.health.flowline.io_Pipeline
-- Suspended when spec.suspend is true; Progressing until the operator has seen the current generation and while
-- runs start, run or stop; Degraded when the Pipeline is invalid (the Ready condition says why) or its last run
-- failed; Healthy when idle or sleeping between runs.
local hs = {}
if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "Suspended: no new run starts"
  return hs
end
local status = obj.status
if status == nil or status.state == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Flowline operator"
  return hs
end
local generation = obj.metadata and obj.metadata.generation
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the Flowline operator to see generation " .. generation
  return hs
end
local state = status.state
if state == "Invalid" then
  hs.status = "Degraded"
  hs.message = "Invalid"
  if status.conditions ~= nil then
    for _, condition in ipairs(status.conditions) do
      if condition.type == "Ready" and condition.message ~= nil then
        hs.message = condition.message
      end
    end
  end
  return hs
end
local lastRun = status.lastRun
if state == "Idle" or state == "Sleeping" then
  if lastRun ~= nil and (lastRun.phase == "Failed" or lastRun.phase == "Cancelled") then
    hs.status = "Degraded"
    hs.message = "Last run " .. lastRun.name .. " " .. lastRun.phase
  else
    hs.status = "Healthy"
    hs.message = state
  end
  return hs
end
hs.status = "Progressing"
hs.message = state
if status.activeRuns ~= nil then
  hs.message = state .. ": " .. status.activeRuns .. " active run(s)"
end
return hs
