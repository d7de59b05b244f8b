# LDAP directory/identity plugin.
