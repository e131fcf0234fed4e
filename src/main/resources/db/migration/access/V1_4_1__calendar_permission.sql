-- Admins maintain the official holiday calendar.
INSERT INTO access_role_permission (role, permission) VALUES ('ADMIN', 'CALENDAR_CONFIGURE');
