-- The default rules, installed once with fixed ids; operators edit or disable them freely and
-- Flyway never runs this again.
INSERT INTO rule (id, name, condition_type, enabled, definition, created_at, updated_at) VALUES
('00000000-0000-0000-0000-00000000a001', 'high error rate', 'error_rate', true,
 '{"name":"high error rate","condition":{"type":"error_rate","threshold":0.1,
   "timeWindowMinutes":15},"severity":"high","enabled":true,"forMinutes":0,
   "cooldownMinutes":30,"repeatIntervalMinutes":0,"scope":{},"channels":[],
   "notifyOnResolve":true}', now(), now()),
('00000000-0000-0000-0000-00000000a002', 'slow responses', 'response_time', true,
 '{"name":"slow responses","condition":{"type":"response_time","source":"metrics",
   "statistic":"p95","threshold":5000,"timeWindowMinutes":15},"severity":"medium",
   "enabled":true,"forMinutes":0,"cooldownMinutes":0,"repeatIntervalMinutes":0,"scope":{},
   "channels":[],"notifyOnResolve":true}', now(), now()),
('00000000-0000-0000-0000-00000000a003', 'target down', 'consecutive_failures', true,
 '{"name":"target down","condition":{"type":"consecutive_failures","threshold":3},
   "severity":"critical","enabled":true,"forMinutes":0,"cooldownMinutes":0,
   "repeatIntervalMinutes":0,"scope":{},"channels":[],"notifyOnResolve":true}', now(), now()),
('00000000-0000-0000-0000-00000000a004', 'quota approaching', 'quota_usage', true,
 '{"name":"quota approaching","condition":{"type":"quota_usage","threshold":0.8},
   "severity":"medium","enabled":true,"forMinutes":0,"cooldownMinutes":60,
   "repeatIntervalMinutes":0,"scope":{},"channels":[],"notifyOnResolve":true}', now(), now());
